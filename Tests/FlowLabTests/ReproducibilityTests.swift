import FlowHDF5
import Foundation
import XCTest
@testable import FlowLab

/// What the README promises about reproducibility: on one machine (one OpenBLAS kernel family and build), the
/// same spec, seed and thread count give bit-identical training curves and metrics, run after run. Other thread
/// counts and other CPUs (for which OpenBLAS picks other kernels) differ in the last bits; see the README.
final class ReproducibilityTests: XCTestCase {
    /// Every number of `/train` and `/eval` in a run's metrics.h5 as bit patterns, by dataset path (timings left out).
    private func metricBits(_ metricsFile: URL) throws -> [String: [UInt64]] {
        let file = try HDF5File.open(metricsFile)
        defer { try? file.close() }
        var bits: [String: [UInt64]] = [:]
        for path in try file.datasetPaths() where !path.hasSuffix("/step") && !path.hasSuffix("_per_second") {
            bits[path] = try file.read(path, as: Double.self).values.map(\.bitPattern)
        }
        return bits
    }

    func testSameSpecSeedAndThreadCountGiveBitIdenticalResults() throws {
        let executable = try CLITests.flowlabExecutableForTests()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("flowlab-repro-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: root) }
        // Wide enough that FlowTensor splits the products over the two threads.
        let overrides = ["train.steps=12", "train.batch_size=256", "model.hidden_width=160", "train.checkpoint_every=6",
                         "train.log_every=3", "train.schedule.warmup_steps=2", "eval.samples=200", "sample.steps=4"]
        var results: [[String: [UInt64]]] = []
        for attempt in 0..<2 {
            let folder = root.appendingPathComponent("\(attempt)")
            let process = Process()
            process.executableURL = executable
            process.arguments = ["run", "--run-dir", folder.path, "--threads", "2", "--quiet", "--", ModeCollapseExperimentTests.smokeSpec] + overrides
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0)
            results.append(try metricBits(folder.appendingPathComponent("metrics.h5")))
        }
        XCTAssertTrue(results[0].keys.contains { $0.hasPrefix("/eval/") } && results[0].keys.contains { $0.hasPrefix("/train/") })
        for key in results[0].keys.sorted() where results[0][key] != results[1][key] {
            XCTFail("\(key) differs between two runs at 2 threads")
        }
        XCTAssertEqual(results[0].keys.sorted(), results[1].keys.sorted())
    }
}
