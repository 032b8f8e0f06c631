import FlowData
import FlowTensor

/// The CrossFlows mode-collapse data: points from Gaussians on a circle, captioned by their grid cell `i + j`.
public struct GaussianGridDataset: Sendable, Equatable {
    /// How sampling draws conditioning labels.
    public enum Conditioning: String, Sendable, Decodable {
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

/// Options of the `gaussian_grid` dataset.
struct GaussianGridOptions: Decodable, Sendable {
    var modes: Int
    var radius: Double
    var variance: Double
    var gridLower: Double
    var gridUpper: Double
    var cellsPerSide: Int
    var conditioning: GaussianGridDataset.Conditioning

    enum CodingKeys: String, CodingKey {
        case modes, radius, variance, conditioning
        case gridLower = "grid_lower", gridUpper = "grid_upper", cellsPerSide = "cells_per_side"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        modes = try container.decodeIfPresent(Int.self, forKey: .modes, where: .positive) ?? 6
        radius = try container.decodeIfPresent(Double.self, forKey: .radius, where: .nonNegative) ?? 4
        variance = try container.decodeIfPresent(Double.self, forKey: .variance, where: .positive) ?? 0.5
        gridLower = try container.decodeIfPresent(Double.self, forKey: .gridLower) ?? -6
        gridUpper = try container.decodeIfPresent(Double.self, forKey: .gridUpper, where: .greaterThan(gridLower)) ?? 6
        cellsPerSide = try container.decodeIfPresent(Int.self, forKey: .cellsPerSide, where: .positive) ?? 100
        conditioning = try container.decodeIfPresent(GaussianGridDataset.Conditioning.self, forKey: .conditioning) ?? .data
    }

    var dataset: GaussianGridDataset {
        GaussianGridDataset(mixture: GaussianMixtureOnCircle(modes: modes, radius: radius, variance: variance),
                            grid: GridLabeling(lower: gridLower, upper: gridUpper, cellsPerSide: cellsPerSide),
                            conditioning: conditioning)
    }
}

/// Options of the `mlp_flow` model (sizes; the vocabulary and dimensions come from the data).
struct MLPFlowOptions: Decodable, Sendable, Equatable {
    var hiddenWidth: Int
    var depth: Int
    var timeFeatures: Int
    var tokenFeatures: Int
    var pointFrequencies: Int

    enum CodingKeys: String, CodingKey {
        case hiddenWidth = "hidden_width", depth, timeFeatures = "time_features", tokenFeatures = "token_features"
        case pointFrequencies = "point_frequencies"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        hiddenWidth = try container.decodeIfPresent(Int.self, forKey: .hiddenWidth, where: .positive) ?? 256
        depth = try container.decodeIfPresent(Int.self, forKey: .depth, where: .positive) ?? 3
        timeFeatures = try container.decodeIfPresent(Int.self, forKey: .timeFeatures, where: .positive) ?? 64
        tokenFeatures = try container.decodeIfPresent(Int.self, forKey: .tokenFeatures, where: .positive) ?? 64
        pointFrequencies = try container.decodeIfPresent(Int.self, forKey: .pointFrequencies, where: .within(0...16)) ?? 0
    }
}
