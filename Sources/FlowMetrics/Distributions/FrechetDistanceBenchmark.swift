import Foundation

/// Timings of FID on two feature sets read from `.npy` files, next to the scipy reference when available.
public struct FrechetDistanceBenchmark: Sendable {
    /// The shape of each set, `(rows, columns)`.
    public let rows: Int
    /// The feature width.
    public let columns: Int
    /// The FID computed by this module.
    public let fid: Double
    /// Seconds to read both `.npy` files.
    public let readSeconds: Double
    /// Seconds for both means and covariances.
    public let statisticsSeconds: Double
    /// Seconds for the distance from the statistics (eigen route).
    public let distanceSeconds: Double
    /// scipy's FID and total seconds from `scipy.json`, when `Scripts/bench/fid_bench.py` wrote one.
    public let scipy: (fid: Double, totalSeconds: Double, distanceSeconds: Double)?

    /// Statistics plus distance: the part comparable to scipy's total (file reading excluded on both sides).
    public var totalSeconds: Double { statisticsSeconds + distanceSeconds }

    /// Human-readable lines for `make bench`.
    public var reportLines: [String] {
        func format(_ seconds: Double) -> String { String(format: "%.2f s", seconds) }
        var lines = [
            "FID \(rows) x \(columns) vs \(rows) x \(columns) (Float64, OpenBLAS + LAPACK symmetric route): "
                + "\(format(totalSeconds)) (statistics \(format(statisticsSeconds)), distance \(format(distanceSeconds))); "
                + "FID = \(fid)",
        ]
        if let scipy {
            lines.append(
                "FID scipy (pytorch-fid formula, sqrtm): \(format(scipy.totalSeconds)) (distance \(format(scipy.distanceSeconds))); "
                    + "FID = \(scipy.fid); speed-up \(String(format: "%.1fx", scipy.totalSeconds / totalSeconds)), "
                    + "relative difference \(String(format: "%.1e", abs(fid - scipy.fid) / abs(scipy.fid)))")
        } else {
            lines.append("FID scipy: no scipy.json; run python3 Scripts/bench/fid_bench.py first")
        }
        return lines
    }
}

extension FrechetDistance {
    /// Times FID on `real.npy` and `fake.npy` in `directory` (written by `Scripts/bench/fid_bench.py`,
    /// which also leaves scipy's timing in `scipy.json` there). BLAS/LAPACK use all cores (OpenBLAS threads).
    ///
    /// - Throws: `NumpyFileError` when the files are missing or unreadable (the message names the file;
    ///   run the script to create them), `FeatureMetricsError` for unusable sets.
    public static func benchmark(directory: URL) throws -> FrechetDistanceBenchmark {
        let clock = ContinuousClock()
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        var real: FeatureSet?
        var fake: FeatureSet?
        let readTime = try clock.measure {
            real = try NumpyArrayFile.readFeatureSet(at: directory.appendingPathComponent("real.npy"))
            fake = try NumpyArrayFile.readFeatureSet(at: directory.appendingPathComponent("fake.npy"))
        }
        guard let real, let fake else { preconditionFailure("benchmark: sets not read") }
        try FeatureMetricsError.checkSameWidth(real: real, fake: fake)
        var statistics: (GaussianStatistics, GaussianStatistics)?
        let statisticsTime = try clock.measure {
            statistics = (try GaussianStatistics(features: real, role: "real"), try GaussianStatistics(features: fake, role: "fake"))
        }
        var fid = 0.0
        let distanceTime = try clock.measure {
            fid = try distance(statistics!.0, statistics!.1)
        }
        return FrechetDistanceBenchmark(
            rows: real.rows, columns: real.columns, fid: fid, readSeconds: seconds(readTime),
            statisticsSeconds: seconds(statisticsTime), distanceSeconds: seconds(distanceTime),
            scipy: readScipyTiming(directory.appendingPathComponent("scipy.json")))
    }

    /// Reads `fid`, `total_seconds` and `distance_seconds` from the script's `scipy.json`, or `nil` if absent.
    static func readScipyTiming(_ url: URL) -> (fid: Double, totalSeconds: Double, distanceSeconds: Double)? {
        guard let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let fid = object["fid"] as? Double, let total = object["total_seconds"] as? Double,
              let distance = object["distance_seconds"] as? Double
        else { return nil }
        return (fid, total, distance)
    }
}
