import FlowNN
import Foundation
import XCTest
@testable import FlowLab

/// `init: {stage: NAME, prefix: image_model | caption_model}` on the joint CrossFlows network, as the Table 1 rows of
/// `Experiments/crossflows.yaml` (and its small twin) use it: at step 0 the flow under the prefix has exactly the stage's weights,
/// the other flow keeps its own fresh initialisation.
final class CrossFlowsStageInitializationTests: XCTestCase {
    func testPrefixStartsOneFlowFromTheStageAndLeavesTheOther() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowlab-crossflows-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try ExperimentSpec.load(file: CrossFlowsTable1ExperimentTests.spec, overrides: ["data.train_count=200", "data.test_count=200"])
        for (variant, stage, prefix) in [("crossflows_pretrained_t2i", "t2i_pretrain", "image_model"),
                                         ("crossflows_pretrained_i2t", "i2t_pretrain", "caption_model")] {
            let variantSpec = try spec.variant(named: variant)
            let initialization = try XCTUnwrap(variantSpec.initialization, variant)
            XCTAssertEqual(initialization.prefix, prefix)
            let setup = try ModalitySetup(spec: variantSpec)
            // A stand-in for the trained stage: the same network, another initialisation.
            let stageState = try ModalityTrainingState(key: stage, setup: setup, seed: 1)
            let checkpoint = folder.appendingPathComponent("\(stage).h5")
            try CheckpointFile.write([stageState], to: checkpoint, experiment: "stage", specFingerprint: "test")
            let stored = stageState.module.stateDict().mapValues(\.floats)

            let state = try ModalityTrainingState(key: variant, setup: setup, seed: 0)
            let fresh = state.module.stateDict().mapValues(\.floats)
            try CheckpointInitialization.apply(initialization, to: state, modelKey: variant, stageCheckpoints: [stage: checkpoint])
            var copied = 0, kept = 0
            for (name, tensor) in state.module.stateDict() {
                if name.hasPrefix(prefix + ".") {
                    XCTAssertEqual(tensor.floats, stored[name], "\(variant): \(name) comes from the stage")
                    copied += 1
                } else {
                    XCTAssertEqual(tensor.floats, fresh[name], "\(variant): \(name) keeps its own initialisation")
                    kept += 1
                }
            }
            XCTAssertGreaterThan(copied, 10, variant)
            XCTAssertGreaterThan(kept, 10, variant)
            let differing = stored.keys.filter { $0.hasPrefix(prefix + ".") && stored[$0] != fresh[$0] }
            XCTAssertGreaterThan(differing.count, 10, "\(variant): the stand-in stage must differ from the fresh model for the test to mean anything")
        }
    }
}
