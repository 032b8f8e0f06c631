import FlowData
import FlowTensor

/// The CrossFlows mode-collapse data: points from Gaussians on a circle, captioned by their grid cell `i + j`.
public struct GaussianGridDataset: Sendable, Equatable {
    /// How sampling draws conditioning labels.
    public enum Conditioning: String, Sendable, CaseIterable, Decodable {
        /// Labels of fresh data points: a perfect sampler then reproduces the data distribution.
        case data
        /// Labels uniform over all labels.
        case uniform
    }

    /// The continuous distribution.
    public let mixture: GaussianMixtureOnCircle
    /// The caption of a point.
    public let grid: GridLabeling
    /// How prompts are drawn at sampling time.
    public let conditioning: Conditioning

    public init(mixture: GaussianMixtureOnCircle, grid: GridLabeling, conditioning: Conditioning = .data) {
        self.mixture = mixture
        self.grid = grid
        self.conditioning = conditioning
    }

    /// Dimension of the points.
    public var pointDimension: Int { 2 }
    /// The number of caption tokens.
    public var labelCount: Int { grid.labelCount }

    /// `count` pairs: points `[count, 2]` row-major and their labels.
    public func sample(_ count: Int, generator: inout RandomGenerator) -> (points: [Float], labels: [Int]) {
        let points = mixture.sample(count, generator: &generator)
        return (points, grid.labels(points: points))
    }

    /// `count` conditioning labels for sampling, drawn as `conditioning` says.
    public func prompts(_ count: Int, generator: inout RandomGenerator) -> [Int] {
        switch conditioning {
        case .data: return sample(count, generator: &generator).labels
        case .uniform: return generator.integers(count, below: labelCount)
        }
    }
}
