import FlowData
import FlowMetrics
import FlowModels
import FlowNN
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// FlowLab's shapes contrastive encoder at tiny settings, and CLIPScore on it, against real `shapes` data.
///
/// One encoder is trained once for the whole class (a few seconds in release); it must retrieve far above
/// chance, and CLIPScore must rank real pairs clearly above shuffled ones.
final class ShapesCLIPEvaluationTests: XCTestCase {
    /// Tiny settings: 16 px images with one object, one small text block.
    static let training = ShapesCLIPTraining(
        encoder: ShapesCLIPConfiguration(imageSize: 16, cellHiddenWidth: 64, cellFeatureWidth: 16, textWidth: 32, textBlocks: 1,
                                         textHeads: 2, textLength: 16, embeddingWidth: 32),
        steps: 600, batchSize: 32, learningRate: 3e-3, objectCounts: [1], testCount: 300)
    nonisolated(unsafe) static var trainedEncoder: ShapesCLIP?

    static func encoder() throws -> ShapesCLIP {
        if let trainedEncoder { return trainedEncoder }
        let encoder = try training.train()
        trainedEncoder = encoder
        return encoder
    }

    func testTinyEncoderRetrievesFarAboveChance() throws {
        let summary = try Self.training.testSummary(try Self.encoder())
        // Chance: one of 432 one-object scenes (9 cells x 4 shapes x 6 colours x 2 sizes), ≈ 0.2%.
        XCTAssertGreaterThan(summary.retrievalAccuracy, 0.5, "\(summary)")
        XCTAssertGreaterThan(summary.matchedCosine - summary.mismatchedCosine, 0.3, "\(summary)")
    }

    func testCLIPScoreOfMatchedPairsIsAboveShuffledPairs() throws {
        let generator = ShapesGenerator(configuration: try Self.training.shapesConfiguration(), split: .test)
        let records = (1_000..<1_200).map(generator.record(at:))
        let pixels = records.flatMap(\.pixels)
        let captions = records.map { $0.captions[2] }  // not the caption the summary used
        let shuffled = Array(captions[1...]) + [captions[0]]
        let score = ShapesCLIPScore(encoder: try Self.encoder())
        let matched = Dictionary(uniqueKeysWithValues: try score.evaluate(images: pixels, texts: captions).map { ($0.name, $0.value) })
        let mismatched = Dictionary(uniqueKeysWithValues: try score.evaluate(images: pixels, texts: shuffled).map { ($0.name, $0.value) })
        XCTAssertEqual(Set(matched.keys), ["clipscore_hessel_shapes", "clipscore_x100_shapes"])
        XCTAssertGreaterThan(matched["clipscore_hessel_shapes"]!, mismatched["clipscore_hessel_shapes"]! + 0.5, "\(matched) \(mismatched)")
        XCTAssertGreaterThan(matched["clipscore_x100_shapes"]!, mismatched["clipscore_x100_shapes"]! + 20, "\(matched) \(mismatched)")
        XCTAssertThrowsError(try score.evaluate(images: Array(pixels.dropLast(3)), texts: captions))
    }

    func testStageCacheStoresOnceAndReuses() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("stages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let cache = StageCache(root: root)
        let training = ShapesCLIPTraining(
            encoder: ShapesCLIPConfiguration(imageSize: 16, cellHiddenWidth: 8, cellFeatureWidth: 4, textWidth: 8, textBlocks: 1,
                                             textHeads: 2, textLength: 12, embeddingWidth: 8),
            steps: 2, batchSize: 4, objectCounts: [1], testCount: 8)
        var lines: [String] = []
        let first = try ShapesCLIPStage.load(training, cache: cache, log: { lines.append($0) })
        XCTAssertTrue(first.trained)
        XCTAssertTrue(FileManager.default.fileExists(atPath: first.folder.appendingPathComponent("checkpoint.h5").path))
        XCTAssertEqual(first.folder.lastPathComponent, try StageCache.key(kind: "shapes_clip", configuration: training))
        XCTAssertNotEqual(first.folder.lastPathComponent, try StageCache.key(kind: "scene_reader", configuration: training))
        let second = try ShapesCLIPStage.load(training, cache: cache, log: { lines.append($0) })
        XCTAssertFalse(second.trained)
        XCTAssertEqual(second.provenance.key, first.provenance.key)
        XCTAssertEqual(second.provenance.metrics, first.provenance.metrics)
        XCTAssertTrue(lines[0].contains("training it once") && lines[2].contains("reusing"), "\(lines)")
        let generator = ShapesGenerator(configuration: try training.shapesConfiguration(), split: .test)
        let records = (0..<4).map(generator.record(at:))
        let pixels = records.flatMap(\.pixels), captions = records.map { $0.captions[0] }
        XCTAssertEqual(second.encoder.imageEmbeddings(pixels: pixels, count: 4), first.encoder.imageEmbeddings(pixels: pixels, count: 4))
        XCTAssertEqual(second.encoder.textEmbeddings(captions), first.encoder.textEmbeddings(captions))
        XCTAssertEqual(second.encoder.inverseTemperature, first.encoder.inverseTemperature)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".partial") }, [])
    }

    func testLogitScaleStartsAtCLIPsValueAndIsClamped() throws {
        var random = RandomGenerator(seed: 1)
        let clip = ShapesCLIP(configuration: ShapesCLIPConfiguration(imageSize: 16, textWidth: 8, textBlocks: 1, textHeads: 2,
                                                                      embeddingWidth: 8), generator: &random)
        XCTAssertEqual(clip.inverseTemperature, 1 / 0.07, accuracy: 1e-4)
        clip.logitScale.withUnsafeMutableBuffer(Float.self) { $0[0] = 9 }
        clip.clampLogitScale()
        XCTAssertEqual(clip.inverseTemperature, 100, accuracy: 1e-3)
        XCTAssertTrue(clip.stateDict().keys.contains("logit_scale"), "\(clip.stateDict().keys.sorted())")
    }
}
