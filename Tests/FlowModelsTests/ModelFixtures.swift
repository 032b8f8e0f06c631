import Foundation
import FlowHDF5
import FlowNN
import FlowTensor
import XCTest

/// Locating the committed fixtures and the fetched pretrained weights.
enum ModelFixtures {
    /// `Tests/Fixtures/<relativePath>`.
    static func url(_ relativePath: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/\(relativePath)")
    }

    /// The float32 dataset `path` of an HDF5 fixture as a tensor.
    static func tensor(_ relativePath: String, _ path: String) throws -> Tensor {
        let file = try HDF5File.open(url(relativePath))
        defer { try? file.close() }
        let (values, shape) = try file.read(path, as: Float.self)
        return Tensor(shape: shape, scalars: values)
    }

    /// Skips the test when `weights` are not fetched and `CI` is unset; on CI a missing package fails the test.
    static func requireWeights(_ weights: PretrainedWeights) throws {
        if weights.isPresent() { return }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail("CI is set but the \(weights.name) weights are missing under \(weights.directory().path); run `make weights`")
            throw XCTSkip("weights missing")
        }
        throw XCTSkip("\(weights.name) weights are not under \(weights.directory().path); run `\(weights.fetchCommand)` or `make weights`")
    }
}

/// The largest absolute difference between two equally shaped tensors.
func maximumAbsoluteDifference(_ a: Tensor, _ b: Tensor) -> Double {
    precondition(a.shape == b.shape, "shapes \(a.shape) and \(b.shape) differ")
    return zip(a.doubles, b.doubles).map { abs($0 - $1) }.max() ?? 0
}
