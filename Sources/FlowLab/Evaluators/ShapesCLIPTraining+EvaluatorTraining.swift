import FlowModels
import FlowTensor

extension ShapesCLIPTraining: EvaluatorTraining {
    public static var stageKind: String { "shapes_clip" }
    public static var networkName: String { "shapes CLIP encoder" }
    public static var exampleName: String { "pairs" }

    public func untrainedNetwork() -> ShapesCLIP {
        var random = RandomGenerator(seed: 0)
        return ShapesCLIP(configuration: encoder, generator: &random)
    }

    /// The test cosines and retrieval accuracy (``TestSummary``), and the learned `logit_scale_exp`.
    public func testMetrics(_ network: ShapesCLIP) throws -> [String: Double] {
        var metrics = try testSummary(network).metrics
        metrics["logit_scale_exp"] = network.inverseTemperature
        return metrics
    }
}
