import FlowMatching
import FlowNN
import FlowTensor
import XCTest
@testable import FlowModels

/// A tiny class-conditioned DiT learns a flow to images it can only get right by reading its label.
///
/// The data: 8 × 8 RGB images in [-1, 1], black except a 4 × 4 square in the quadrant named by the label
/// (0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right), coloured by the label too (red, green, blue, white).
/// After a few hundred flow-matching steps, Euler samples from noise must put a bright square in the labelled
/// quadrant with the label's colour, far above the 1-in-4 chance of a label-blind model.
final class DiTLearningTests: XCTestCase {
    static let colours: [[Float]] = [[1, -1, -1], [-1, 1, -1], [-1, -1, 1], [1, 1, 1]]

    /// One image per label, `[8, 8, 3]`, row-major, channel-last.
    static func image(label: Int) -> [Float] {
        var pixels = [Float](repeating: -1, count: 8 * 8 * 3)
        let (top, left) = (label / 2 * 4, label % 2 * 4)
        for row in top..<(top + 4) {
            for column in left..<(left + 4) {
                for channel in 0..<3 { pixels[(row * 8 + column) * 3 + channel] = colours[label][channel] }
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
        let quadrant = (0..<4).max { means[$0].reduce(0, +) < means[$1].reduce(0, +) }!
        let colour = (0..<4).min { a, b in
            zip(means[quadrant], colours[a]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
                < zip(means[quadrant], colours[b]).map { ($0 - $1) * ($0 - $1) }.reduce(0, +)
        }!
        return (quadrant, colour)
    }

    func testClassConditionedDiTFollowsItsLabel() throws {
        var generator = RandomGenerator(seed: 3, stream: "dit-learning")
        let model = try DiT(configuration: .init(imageSize: 8, patchSize: 2, channels: 3, width: 32, depth: 2, heads: 4,
                                                 conditioning: .classLabels(count: 4)), generator: &generator)
        let optimizer = AdamW(module: model, learningRate: 2e-3, weightDecay: 0)
        let path = AffineProbabilityPath.conditionalOptimalTransport
        let batch = 32
        let start = Date()
        var losses: [Double] = []
        for _ in 0..<300 {
            let labels = generator.integers(batch, below: 4)
            let data = Tensor(shape: [batch, 8, 8, 3], scalars: labels.flatMap { Self.image(label: $0) })
            let sample = path.sample(x0: generator.normalTensor(data.shape), x1: data,
                                     t: generator.uniformTensor([batch]))
            let loss = VelocityLoss()(predicted: model(sample.xt, t: sample.t, condition: .labels(labels)), target: sample.dxt)
            loss.backward()
            optimizer.step()
            optimizer.zeroGradients()
            losses.append(loss.item)
        }
        let trained = Date().timeIntervalSince(start)

        let perLabel = 8
        let labels = (0..<4).flatMap { Array(repeating: $0, count: perLabel) }
        let noise = generator.normalTensor([labels.count, 8, 8, 3])
        let samples = ODESolver(method: .euler).sample(start: noise, timeGrid: TimeGrid.uniform(steps: 20)) { x, t in
            model(x, t: t, condition: .labels(labels))
        }.floats
        var (quadrants, colours) = (0, 0)
        for (index, label) in labels.enumerated() {
            let read = Self.read(samples[(index * 192)..<((index + 1) * 192)])
            if read.quadrant == label { quadrants += 1 }
            if read.colour == label { colours += 1 }
        }
        let early = losses.prefix(20).reduce(0, +) / 20, late = losses.suffix(20).reduce(0, +) / 20
        print(String(format: "DiT learning: loss %.3f → %.3f in %.1f s; quadrant right %d/%d, colour right %d/%d (chance 1/4)",
                     early, late, trained, quadrants, labels.count, colours, labels.count))
        XCTAssertLessThan(late, 0.6 * early, "the velocity loss must fall")
        XCTAssertGreaterThanOrEqual(quadrants, 28, "samples must put the square where the label says (chance: 8 of 32)")
        XCTAssertGreaterThanOrEqual(colours, 28, "samples must have the label's colour (chance: 8 of 32)")
    }
}
