import FlowHDF5
import FlowMetrics
import Foundation

/// The reference statistics `flowlab eval images` writes with `--save-stats` and reuses with `--real-stats`.
///
/// An HDF5 file with `/mu` `[2048]` and `/sigma` `[2048, 2048]` (float64; pytorch-fid's `mu`/`sigma`, covariance
/// with N − 1) and `/features` `[N, 2048]` (float32), with attributes `images` (the source) and `count`. FID needs
/// only `mu` and `sigma`; KID, precision/recall and density/coverage need the features, so a file without
/// `/features` (written by another tool) gives the FID alone. Written atomically.
///
/// ```python
/// import h5py; f = h5py.File("coco_val.h5"); mu, sigma = f["mu"][:], f["sigma"][:]
/// ```
enum InceptionStatisticsFile {
    /// Writes `features` and their Gaussian statistics to `url`.
    static func write(features: FeatureSet, source: String, to url: URL) throws {
        let statistics = try GaussianStatistics(features: features, role: "real")
        try HDF5File.writeAtomically(to: url) { file in
            try file.write(statistics.mean, shape: [statistics.dimension], to: "/mu")
            try file.write(statistics.covariance, shape: [statistics.dimension, statistics.dimension], to: "/sigma")
            try file.write(features.values.map { Float($0) }, shape: [features.rows, features.columns], to: "/features")
            try file.setAttribute("images", .string(source))
            try file.setAttribute("count", .int(features.rows))
        }
    }

    /// Reads the statistics (and the features when present) from `path`.
    static func read(_ path: String) throws -> (statistics: GaussianStatistics, features: FeatureSet?) {
        let file = try HDF5Input.open(path)
        defer { try? file.close() }
        let datasets = try file.datasetPaths()
        guard datasets.contains("/mu"), datasets.contains("/sigma") else {
            throw InputError("real stats: \(path): needs datasets /mu and /sigma (found: \(HDF5Input.listing(datasets))); write them with --save-stats")
        }
        let (mean, meanShape) = try file.read("/mu", as: Double.self)
        let (covariance, covarianceShape) = try file.read("/sigma", as: Double.self)
        guard meanShape.count == 1, covarianceShape == [meanShape[0], meanShape[0]] else {
            throw InputError("real stats: \(path): /mu has shape \(meanShape) and /sigma \(covarianceShape); expected [D] and [D, D]")
        }
        let statistics: GaussianStatistics
        do {
            statistics = try GaussianStatistics(mean: mean, covariance: covariance)
        } catch {
            throw InputError("real stats: \(path): \(error)")
        }
        guard datasets.contains("/features") else { return (statistics, nil) }
        let (values, shape) = try file.read("/features", as: Double.self)
        guard shape.count == 2, shape[1] == meanShape[0] else {
            throw InputError("real stats: \(path): /features has shape \(shape); expected [N, \(meanShape[0])]")
        }
        return (statistics, try FeatureSet(rows: shape[0], columns: shape[1], values: values))
    }
}
