import FlowMatching
import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// Tiny DiTs learn flows to images they can only get right by reading their condition.
///
/// The data: 8 × 8 RGB images in [-1, 1], black except a 4 × 4 square in one quadrant (0 top-left, 1 top-right,
/// 2 bottom-left, 3 bottom-right) in one colour (0 red, 1 green, 2 blue, 3 white). After a few hundred
/// flow-matching steps, Euler samples from noise must put a square of the asked colour in the asked quadrant,
/// far above the 1-in-4 chance of a model that ignores its condition.
final class DiTLearningTests: XCTestCase {
    static let colours: [[Float]] = [[1, -1, -1], [-1, 1, -1], [-1, -1, 1], [1, 1, 1]]

    /// One image, `[8, 8, 3]`, row-major, channel-last.
    static func image(quadrant: Int, colour: Int) -> [Float] {
        var pixels = [Float](repeating: -1, count: 8 * 8 * 3)
        let (top, left) = (quadrant / 2 * 4, quadrant % 2 * 4)
        for row in top..<(top + 4) {
            for column in left..<(left + 4) {
                for channel in 0..<3 { pixels[(row * 8 + column) * 3 + channel] = colours[colour][channel] }
            }
        }
        return pixels
    }

    /// The quadrant with the brightest mean (over channels) and the colour closest to that quadrant's mean colour.
    static func read(_ pixels: ArraySlice<Float>) -> (quadrant: Int, colour: Int) {
        let start = pixels.startIndex
        var means = [[Float]](repeating: [0, 0, 0], count: 4)
        for row in 0..<8 {
            for column in 0..<8 {
                for channel in 0..<3 {
                    means[row / 4 * 2 + column / 4][channel] += pixels[start + (row * 8 + column) * 3 + channel] / 16
                }
            }
        }
        func distance(_ colour: Int, _ mean: [Float]) -> Float {
            zip(mean, colours[colour]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        }
        let quadrant = (0..<4).max { means[$0].reduce(0, +) < means[$1].reduce(0, +) }!
        let colour = (0..<4).min { distance($0, means[quadrant]) < distance($1, means[quadrant]) }!
        return (quadrant, colour)
    }

    /// Trains `model` for `steps` flow-matching steps on batches of (quadrant, colour) pairs drawn by `draw`,
    /// then samples one image per pair of `asked` with 20 Euler steps; returns how many land in the asked
    /// quadrant and how many have the asked colour.
    private func trainAndSample(_ model: DiT, steps: Int, generator: inout RandomGenerator,
                                draw: (inout RandomGenerator) -> (quadrant: Int, colour: Int),
                                asked: [(quadrant: Int, colour: Int)],
                                condition: ([(quadrant: Int, colour: Int)]) -> DiTCondition) -> (quadrants: Int, colours: Int) {
        let optimizer = AdamW(module: model, learningRate: 2e-3, weightDecay: 0)
        let path = AffineProbabilityPath.conditionalOptimalTransport
        let batch = 32
        let start = Date()
        var losses: [Double] = []
        for _ in 0..<steps {
            let pairs = (0..<batch).map { _ in draw(&generator) }
            let data = Tensor(shape: [batch, 8, 8, 3], scalars: pairs.flatMap { Self.image(quadrant: $0.quadrant, colour: $0.colour) })
            let sample = path.sample(x0: generator.normalTensor(data.shape), x1: data, t: generator.uniformTensor([batch]))
            let loss = VelocityLoss()(predicted: model(sample.xt, t: sample.t, condition: condition(pairs)), target: sample.dxt)
            loss.backward()
            optimizer.step()
            optimizer.zeroGradients()
            losses.append(loss.item)
        }
        let trained = Date().timeIntervalSince(start)
        let noise = generator.normalTensor([asked.count, 8, 8, 3])
        let samples = ODESolver(method: .euler).sample(start: noise, timeGrid: TimeGrid.uniform(steps: 20)) { x, t in
            model(x, t: t, condition: condition(asked))
        }.floats
        var (quadrants, colours) = (0, 0)
        for (index, pair) in asked.enumerated() {
            let read = Self.read(samples[(index * 192)..<((index + 1) * 192)])
            if read.quadrant == pair.quadrant { quadrants += 1 }
            if read.colour == pair.colour { colours += 1 }
        }
        let early = losses.prefix(20).reduce(0, +) / 20, late = losses.suffix(20).reduce(0, +) / 20
        print(String(format: "DiT learning (%@): loss %.3f → %.3f in %.1f s; quadrant right %d/%d, colour right %d/%d (chance 1/4)",
                     "\(model.configuration.conditioning)", early, late, trained, quadrants, asked.count, colours, asked.count))
        XCTAssertLessThan(late, 0.6 * early, "the velocity loss must fall")
        return (quadrants, colours)
    }

    /// A label names quadrant and colour together (label k: colour k in quadrant k).
    func testClassConditionedDiTFollowsItsLabel() throws {
        var generator = RandomGenerator(seed: 3, stream: "dit-learning-labels")
        let model = try DiT(configuration: .init(imageSize: 8, patchSize: 2, channels: 3, width: 32, depth: 2, heads: 4,
                                                 conditioning: .classLabels(count: 4)), generator: &generator)
        let asked = (0..<4).flatMap { label in Array(repeating: (quadrant: label, colour: label), count: 8) }
        let right = trainAndSample(model, steps: 300, generator: &generator,
                                   draw: { generator in let label = generator.integers(1, below: 4)[0]; return (label, label) },
                                   asked: asked, condition: { .labels($0.map(\.quadrant)) })
        XCTAssertGreaterThanOrEqual(right.quadrants, 28, "samples must put the square where the label says (chance: 8 of 32)")
        XCTAssertGreaterThanOrEqual(right.colours, 28, "samples must have the label's colour (chance: 8 of 32)")
    }

    /// A two-token caption "<colour> <quadrant>" (tokens 0-3 and 4-7) names both independently, through the
    /// pooled vector and cross-attention: all 16 combinations must come out right. (Sixteen combinations need
    /// width 64: at width 32 and 600 steps the colour is learned but the quadrant is not, with captions or with
    /// 16 plain labels alike.)
    func testCaptionConditionedDiTFollowsBothWordsOfItsCaption() throws {
        var generator = RandomGenerator(seed: 5, stream: "dit-learning-captions")
        let model = try DiT(configuration: .init(imageSize: 8, patchSize: 2, channels: 3, width: 64, depth: 2, heads: 4,
                                                 conditioning: .captions(vocabulary: 8, length: 2, crossAttention: true)),
                            generator: &generator)
        let asked = (0..<32).map { (quadrant: $0 % 4, colour: ($0 / 4) % 4) }
        let right = trainAndSample(model, steps: 600, generator: &generator,
                                   draw: { generator in let ids = generator.integers(2, below: 4); return (ids[0], ids[1]) },
                                   asked: asked, condition: { .captions($0.flatMap { [$0.colour, 4 + $0.quadrant] }) })
        XCTAssertGreaterThanOrEqual(right.quadrants, 28, "samples must put the square where the caption says (chance: 8 of 32)")
        XCTAssertGreaterThanOrEqual(right.colours, 28, "samples must have the caption's colour (chance: 8 of 32)")
    }
}
