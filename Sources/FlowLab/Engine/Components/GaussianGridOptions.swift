import FlowData

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
        modes = try container.decodeIfPresent(Int.self, forKey: .modes, where: .within(1...SizeLimits.modes)) ?? 6
        radius = try container.decodeIfPresent(Double.self, forKey: .radius, where: .nonNegative) ?? 4
        variance = try container.decodeIfPresent(Double.self, forKey: .variance, where: .positive) ?? 0.5
        gridLower = try container.decodeIfPresent(Double.self, forKey: .gridLower, where: .finite) ?? -6
        // A non-finite grid_lower is reported already; then grid_upper needs only to be finite itself.
        gridUpper = try container.decodeIfPresent(Double.self, forKey: .gridUpper,
                                                  where: gridLower.isFinite ? .greaterThan(gridLower) : .finite) ?? 6
        cellsPerSide = try container.decodeIfPresent(Int.self, forKey: .cellsPerSide, where: .within(1...SizeLimits.cellsPerSide)) ?? 100
        conditioning = try container.decodeIfPresent(GaussianGridDataset.Conditioning.self, forKey: .conditioning) ?? .data
    }

    var dataset: GaussianGridDataset {
        GaussianGridDataset(mixture: GaussianMixtureOnCircle(modes: modes, radius: radius, variance: variance),
                            grid: GridLabeling(lower: gridLower, upper: gridUpper, cellsPerSide: cellsPerSide),
                            conditioning: conditioning)
    }
}
