import Foundation
import FlowMatching
import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// A tiny `CrossFlowsModel` learns the joint flow of images and captions, and each flow reads the other's state.
///
/// The data are `DiTLearningTests`' 8 × 8 images of a coloured 4 × 4 square in a quadrant, captioned
/// "<colour> <quadrant>" (tokens 0-3 and 4-7; token 8 is the mask). Training follows CrossFlows §3.4: one t for both
/// modalities, the CondOT path on images, the linear mixture path from the mask source on captions (with the
/// cross-guidance source: 10 % of rows start from their own caption), 10 % of captions dropped for the image flow, loss
/// MSE + cross-entropy. Then the `MultimodalSolver` samples
/// (a) text-to-image: the caption held at the prompt, the image from noise — colour and quadrant must be right far
///     above the 1-in-4 chance;
/// (b) image-to-text: the image held at a real image, the caption from all-mask — both words must be right far above
///     the 1-in-4 chance (22 of 32 or more; a model that ignores the image gets there with probability below 1e-6).
/// Seeds 7 and 8 gave 32/32, 32/32 and 30/32, 32/32 for (a); 30/32, 25/32 and 32/32, 27/32 for (b).
final class CrossFlowsLearningTests: XCTestCase {
    static let source = MaskTokenSource(vocabularySize: 8)

    /// The caption tokens of (quadrant, colour) pairs, row by row.
    static func captions(_ pairs: [(quadrant: Int, colour: Int)]) -> DiscreteState {
        DiscreteState(tokens: pairs.flatMap { [$0.colour, 4 + $0.quadrant] }, shape: [pairs.count, 2])
    }

    /// The images of (quadrant, colour) pairs, `[B, 8, 8, 3]`.
    static func images(_ pairs: [(quadrant: Int, colour: Int)]) -> Tensor {
        Tensor(shape: [pairs.count, 8, 8, 3], scalars: pairs.flatMap { DiTLearningTests.image(quadrant: $0.quadrant, colour: $0.colour) })
    }

    /// The model as the joint sampler sees it: `conditionDropped` shows the image flow the null caption.
    static func jointModel(_ model: CrossFlowsModel) -> JointModelClosure {
        JointModelClosure { continuous, discrete, t, dropped in
            let (velocity, logits) = model(images: continuous, captions: discrete.tokens, t: t, captionDropped: dropped)
            return JointPrediction(velocity: velocity, logits: logits)
        }
    }

    func testJointModelGeneratesImagesFromCaptionsAndCaptionsFromImages() throws {
        var generator = RandomGenerator(seed: 7, stream: "crossflows-learning")
        let model = try CrossFlowsModel(configuration: .init(imageSize: 8, patchSize: 2, width: 64, depth: 2, heads: 4,
                                                             captionLength: 2, vocabulary: Self.source.modelVocabularySize,
                                                             captionWidth: 32, captionDepth: 2, captionHeads: 4,
                                                             encoderPatchSize: 4),
                                        generator: &generator)
        let optimizer = AdamW(module: model, learningRate: 2e-3, weightDecay: 0)
        let imagePath = AffineProbabilityPath.conditionalOptimalTransport
        let captionPath = MixtureDiscreteProbabilityPath.polynomial(1)
        let captionSource = CrossGuidanceSource(base: Self.source, promptProbability: 0.1)
        let dropout = ConditionDropout(probability: 0.1)
        let loss = MultimodalLoss()
        let (batch, steps) = (32, 600)
        let start = Date()
        var losses: [(image: Double, caption: Double)] = []
        for _ in 0..<steps {
            let pairs = (0..<batch).map { _ in let ids = generator.integers(2, below: 4); return (quadrant: ids[0], colour: ids[1]) }
            let captions = Self.captions(pairs)
            let t = generator.uniformTensor([batch])
            let image = imagePath.sample(x0: generator.normalTensor([batch, 8, 8, 3]), x1: Self.images(pairs), t: t)
            let caption = captionPath.sample(x0: captionSource.sample(captions: captions, generator: &generator), x1: captions,
                                             t: t, generator: &generator)
            let (velocity, logits) = model(images: image.xt, captions: caption.xt.tokens, t: t,
                                           captionDropped: dropout.sample(batchSize: batch, generator: &generator))
            let value = loss(continuous: VelocityLoss()(predicted: velocity, target: image.dxt),
                             discrete: PosteriorCrossEntropyLoss()(logits: logits, x1: captions))
            value.total.backward()
            optimizer.step()
            optimizer.zeroGradients()
            losses.append((value.continuous, value.discrete))
        }
        let trained = Date().timeIntervalSince(start)
        func mean(_ values: ArraySlice<(image: Double, caption: Double)>) -> (image: Double, caption: Double) {
            (values.map(\.image).reduce(0, +) / Double(values.count), values.map(\.caption).reduce(0, +) / Double(values.count))
        }
        let (early, late) = (mean(losses.prefix(20)), mean(losses.suffix(20)))
        XCTAssertLessThan(late.image, 0.6 * early.image, "the velocity loss must fall")
        XCTAssertLessThan(late.caption, 0.6 * early.caption, "the caption cross-entropy must fall")

        let asked = (0..<32).map { (quadrant: $0 % 4, colour: ($0 / 4) % 4) }
        let solver = MultimodalSolver(discretePath: captionPath, steps: 20)
        let joint = Self.jointModel(model)

        // (a) Text to image: the caption is held at the prompt, the image flows from noise.
        let drawn = solver.sample(condition: .frozenPrompt(Self.captions(asked)), continuousShape: [asked.count, 8, 8, 3],
                                  tokensPerRow: 2, discreteSource: Self.source, model: joint, generator: &generator)
        let pixels = drawn.continuous.floats
        var (quadrants, colours) = (0, 0)
        for (index, pair) in asked.enumerated() {
            let read = DiTLearningTests.read(pixels[(index * 192)..<((index + 1) * 192)])
            if read.quadrant == pair.quadrant { quadrants += 1 }
            if read.colour == pair.colour { colours += 1 }
        }

        // (b) Image to text: the image is held at a real image, the caption flows from all-mask.
        let described = solver.sample(condition: .frozenImage(Self.images(asked)), continuousShape: [asked.count, 8, 8, 3],
                                      tokensPerRow: 2, discreteSource: Self.source, model: joint, generator: &generator)
        var (colourWords, quadrantWords) = (0, 0)
        for (index, pair) in asked.enumerated() {
            let words = Array(described.discrete.row(index))
            if words[0] == pair.colour { colourWords += 1 }
            if words[1] == 4 + pair.quadrant { quadrantWords += 1 }
        }
        print(String(format: "CrossFlows learning: image loss %.3f → %.3f, caption loss %.3f → %.3f in %.1f s (%d steps); "
                     + "text→image quadrant %d/32, colour %d/32; image→text colour word %d/32, quadrant word %d/32 (chance 8/32)",
                     early.image, late.image, early.caption, late.caption, trained, steps, quadrants, colours,
                     colourWords, quadrantWords))
        XCTAssertGreaterThanOrEqual(quadrants, 26, "text→image: the square must be where the caption says (chance 8 of 32)")
        XCTAssertGreaterThanOrEqual(colours, 26, "text→image: the square must have the caption's colour (chance 8 of 32)")
        XCTAssertGreaterThanOrEqual(colourWords, 22, "image→text: the colour word must match the image (chance 8 of 32)")
        XCTAssertGreaterThanOrEqual(quadrantWords, 22, "image→text: the quadrant word must match the image (chance 8 of 32)")
    }
}
