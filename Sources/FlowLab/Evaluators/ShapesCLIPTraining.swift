import FlowData
import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// How FlowLab's `shapes` contrastive encoder (`ShapesCLIP`) is trained: sizes, its own data stream, optimiser settings.
///
/// Like the scene reader it trains on the train split rendered on the fly from its own data seed (not the
/// reader's, not a model's) and its own random streams, so it shares no weights, seeds or data order with
/// anything it scores. Step `s` draws images `s · batchSize + i` and one of each image's 5 captions at
/// random; AdamW with a cosine decay, `logit_scale` clamped after every step. The defaults train in
/// about a minute on 2 cores (see README for what they reach).
///
/// ```swift
/// let training = ShapesCLIPTraining()
/// let clip = try training.train { step, loss in print(step, loss) }
/// let summary = try training.testSummary(clip)   // matched/mismatched cosine, retrieval accuracy
/// ```
public struct ShapesCLIPTraining: Sendable, Codable, Hashable, ShapesEvaluatorTraining {
    /// The encoders' sizes.
    public var encoder: ShapesCLIPConfiguration
    /// Optimiser steps.
    public var steps: Int
    /// Image-caption pairs per step (the InfoNCE batch: each pair's negatives are the other pairs).
    public var batchSize: Int
    /// Peak learning rate (cosine decay to zero).
    public var learningRate: Double
    /// AdamW's decoupled weight decay.
    public var weightDecay: Double
    /// Seed of the initial weights and of the caption choice.
    public var seed: UInt64
    /// Seed of the `shapes` images it trains on (its own).
    public var dataSeed: UInt64
    /// Objects per training image.
    public var objectCounts: [Int]
    /// Test images its matched/mismatched cosine and retrieval accuracy are measured on after training.
    public var testCount: Int

    public init(encoder: ShapesCLIPConfiguration = ShapesCLIPConfiguration(), steps: Int = 1_500, batchSize: Int = 64,
                learningRate: Double = 2e-3, weightDecay: Double = 1e-4, seed: UInt64 = 0xC11B_5EED,
                dataSeed: UInt64 = 0xC11B_DA7A, objectCounts: [Int] = [1, 2], testCount: Int = 1_000) {
        self.encoder = encoder
        self.steps = steps
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.weightDecay = weightDecay
        self.seed = seed
        self.dataSeed = dataSeed
        self.objectCounts = objectCounts
        self.testCount = testCount
    }

    /// Side of the images the encoder reads.
    var imageSize: Int { encoder.imageSize }

    /// Trains an encoder from scratch, calling `progress(step, loss)` after every step (steps from 1).
    public func train(progress: (_ step: Int, _ loss: Double) -> Void = { _, _ in }) throws -> ShapesCLIP {
        guard steps >= 1, batchSize >= 2, learningRate > 0, testCount >= 2 else {
            throw DataError("steps (\(steps)), learning rate (\(learningRate)) must be positive and batch size (\(batchSize)) "
                            + "and test count (\(testCount)) at least 2 (a contrastive batch needs negatives)", key: "shapes_clip")
        }
        var random = RandomGenerator(seed: seed, stream: "flowlab.shapes-clip.weights")
        var captionChoice = RandomGenerator(seed: seed, stream: "flowlab.shapes-clip.captions")
        let model = ShapesCLIP(configuration: encoder, generator: &random)
        try trainLoop(model, loss: { examples, pixels in
            let choices = captionChoice.integers(batchSize, below: ShapeCaptionGrammar.captionsPerImage)
            return model.loss(pixels: pixels, captions: zip(examples, choices).map { $0.captions[$1] })
        }, afterStep: { model.clampLogitScale() }, progress: progress)
        return model
    }

    /// What a trained encoder reaches on the first `testCount` test images, each with its first caption.
    public struct TestSummary: Sendable, Equatable {
        /// Mean cosine of each image with its own caption.
        public var matchedCosine: Double
        /// Mean cosine of each image with the next image's caption (a mismatched pair).
        public var mismatchedCosine: Double
        /// Fraction of images whose most similar caption among all `testCount` describes the image's scene.
        public var retrievalAccuracy: Double

        /// The provenance metrics: `test_matched_cosine`, `test_mismatched_cosine`, `test_retrieval_accuracy`.
        public var metrics: [String: Double] {
            ["test_matched_cosine": matchedCosine, "test_mismatched_cosine": mismatchedCosine,
             "test_retrieval_accuracy": retrievalAccuracy]
        }
    }

    /// Matched and mismatched cosines and image-to-caption retrieval accuracy on the test split of its data settings.
    public func testSummary(_ model: ShapesCLIP) throws -> TestSummary {
        let generator = ShapesGenerator(configuration: try shapesConfiguration(), split: .test)
        let examples = (0..<testCount).map(generator.example(at:))
        let width = encoder.embeddingWidth
        var images: [Float] = []
        for start in stride(from: 0, to: testCount, by: 256) {
            let batch = Array(examples[start..<min(testCount, start + 256)])
            images += model.imageEmbeddings(pixels: Self.render(batch, imageSize: imageSize), count: batch.count)
        }
        let texts = model.textEmbeddings(examples.map { $0.captions[0] })
        let similarities = withNoGradient {
            Tensor.matmul(Tensor(shape: [testCount, width], scalars: images), Tensor(shape: [testCount, width], scalars: texts),
                          transposeB: true).floats
        }
        var matched = 0.0, mismatched = 0.0, retrieved = 0
        for row in 0..<testCount {
            let slice = similarities[(row * testCount)..<((row + 1) * testCount)]
            matched += Double(slice[row * testCount + row])
            mismatched += Double(slice[row * testCount + (row + 1) % testCount])
            let best = slice.indices.max { slice[$0] < slice[$1] }! - row * testCount
            if examples[best].scene == examples[row].scene { retrieved += 1 }
        }
        let count = Double(testCount)
        return TestSummary(matchedCosine: matched / count, mismatchedCosine: mismatched / count,
                           retrievalAccuracy: Double(retrieved) / count)
    }
}
