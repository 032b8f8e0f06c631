import FlowData
import FlowModels
import FlowNN
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// `flowlab eval images` (shapes options) and `flowlab eval pairs` end to end, with a scene reader planted in the
/// stage cache under the default key (so nothing trains), and their one-line errors.
final class EvalShapesCLITests: XCTestCase {

    func testImagesAndPairsPrintOneJSONObjectFromTheCachedReader() throws {
        let folder = try makeRunTestFolder(self)
        let data = folder.appendingPathComponent("test.h5").path, stages = folder.appendingPathComponent("stages")
        let render = try runFlowlab(["data", "render", "shapes", "--count", "12", "--size", "16", "--split", "test",
                                     "--objects", "1,2", "--quiet", "--out", data], stages: stages)
        XCTAssertEqual(render.status, 0, render.standardError)
        // Plant an untrained reader under the key `flowlab eval` looks up for 16 px images.
        var training = SceneReaderTraining()
        training.reader.imageSize = 16
        let cache = StageCache(root: stages)
        let key = try StageCache.key(kind: SceneReaderStage.kind, configuration: training)
        var random = RandomGenerator(seed: 1)
        let reader = SceneReader(configuration: training.reader, generator: &random)
        try cache.store(key, configuration: training, provenance: StageProvenance.now(kind: SceneReaderStage.kind, key: key,
                                                                                     trainingSeconds: 0, metrics: [:])) { folder in
            try StateDictionary.save(reader.stateDict(), to: folder.appendingPathComponent(SceneReaderStage.checkpointName))
        }
        // And an untrained shapes CLIP encoder under its default key, which `flowlab eval pairs` scores CLIPScore with.
        var clipTraining = ShapesCLIPTraining()
        clipTraining.encoder.imageSize = 16
        let clipKey = try StageCache.key(kind: ShapesCLIPStage.kind, configuration: clipTraining)
        let clip = ShapesCLIP(configuration: clipTraining.encoder, generator: &random)
        try cache.store(clipKey, configuration: clipTraining, provenance: StageProvenance.now(kind: ShapesCLIPStage.kind, key: clipKey,
                                                                                            trainingSeconds: 0, metrics: [:])) { folder in
            try StateDictionary.save(clip.stateDict(), to: folder.appendingPathComponent(ShapesCLIPStage.checkpointName))
        }
        let images = try runFlowlab(["eval", "images", "--real", "\(data):/images", "--fake", "\(data):/images",
                                     "--scenes", data], stages: stages)
        XCTAssertEqual(images.status, 0, images.standardError)
        XCTAssertTrue(images.standardError.contains("reusing stage \(key.prefix(12))"), images.standardError)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(images.standardOutput.utf8)) as? [String: Any])
        for name in ["fid_shapes", "kid_shapes_mean", "precision_shapes", "coverage_shapes", "t2i_exact_scene_accuracy"] {
            XCTAssertNotNil(object[name], "\(name) missing from \(images.standardOutput)")
        }
        XCTAssertEqual(object["feature_space"] as? String, "flowlab shapes scene reader (not Inception)")
        let pairs = try runFlowlab(["eval", "pairs", "--images", "\(data):/images", "--captions", "\(data):/captions", "--quiet"],
                                   stages: stages)
        XCTAssertEqual(pairs.status, 0, pairs.standardError)
        let pairObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(pairs.standardOutput.utf8)) as? [String: Any])
        XCTAssertEqual(pairObject["caption_grammatical_rate"] as? Double, 1)
        XCTAssertNotNil(pairObject["pair_consistency"])
        for name in ShapesCLIPScore.names { XCTAssertNotNil(pairObject[name], "\(name) missing from \(pairs.standardOutput)") }
        XCTAssertEqual(pairObject["clipscore_stage"] as? String, cache.folder(for: clipKey).path)
        let prompted = try runFlowlab(["eval", "images", "--real", "\(data):/images", "--fake", "\(data):/images",
                                       "--prompts", "\(data):/captions"], stages: stages)
        XCTAssertEqual(prompted.status, 0, prompted.standardError)
        XCTAssertTrue(prompted.standardError.contains("reusing stage \(clipKey.prefix(12))"), prompted.standardError)
        let promptedObject = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(prompted.standardOutput.utf8)) as? [String: Any])
        for name in ShapesCLIPScore.names + ["t2i_exact_scene_accuracy"] {
            XCTAssertNotNil(promptedObject[name], "\(name) missing from \(prompted.standardOutput)")
        }
        XCTAssertEqual(promptedObject["clipscore_encoder"] as? String, ShapesCLIPScore.encoderName)
        // Bad inputs fail before any training, naming the file and dataset.
        let missing = try runFlowlab(["eval", "images", "--real", "\(data):/nope", "--fake", "\(data):/images"], stages: stages)
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.standardError.contains("\(data):/nope: no dataset"), missing.standardError)
        let badPrompts = try runFlowlab(["eval", "images", "--real", "\(data):/images", "--fake", "\(data):/images",
                                         "--prompts", "\(data):/images"], stages: stages)
        XCTAssertTrue(badPrompts.standardError.contains("expected strings"), badPrompts.standardError)
    }

    /// Runs the built `flowlab` with `arguments` and `FLOWLAB_STAGES=stages`; skips when it was not built.
    private func runFlowlab(_ arguments: [String], stages: URL) throws -> FlowlabProcess.Result {
        try FlowlabProcess(self).run(arguments, environment: ["FLOWLAB_STAGES": stages.path])
    }
}
