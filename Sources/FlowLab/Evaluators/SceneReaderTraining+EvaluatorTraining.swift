import FlowModels
import FlowTensor

extension SceneReaderTraining: EvaluatorTraining {
    public static var stageKind: String { "scene_reader" }
    public static var networkName: String { "scene reader" }
    public static var exampleName: String { "images" }

    public func untrainedNetwork() -> SceneReader {
        var random = RandomGenerator(seed: 0)
        return SceneReader(configuration: reader, generator: &random)
    }

    /// `test_exact_scene_accuracy` on the test split.
    public func testMetrics(_ network: SceneReader) throws -> [String: Double] {
        ["test_exact_scene_accuracy": try testExactSceneAccuracy(network)]
    }
}
