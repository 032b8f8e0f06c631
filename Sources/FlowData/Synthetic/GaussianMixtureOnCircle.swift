import FlowTensor
import Foundation

/// Equal-weight isotropic Gaussians with means evenly spaced on a circle (the CrossFlows mode-collapse data).
///
/// ```swift
/// let mixture = GaussianMixtureOnCircle(modes: 6, radius: 4, variance: 0.5)
/// var generator = RandomGenerator(seed: 0, stream: "data")
/// let points = mixture.sample(1_000, generator: &generator)   // [x0, y0, x1, y1, ...]
/// ```
public struct GaussianMixtureOnCircle: Sendable, Equatable {
    /// The number of Gaussians.
    public let modes: Int
    /// The circle's radius.
    public let radius: Double
    /// The variance of each coordinate of each Gaussian.
    public let variance: Double

    public init(modes: Int = 6, radius: Double = 4, variance: Double = 0.5) {
        precondition(modes > 0 && variance > 0, "mixture needs at least one mode and positive variance")
        self.modes = modes
        self.radius = radius
        self.variance = variance
    }

    /// The mean of mode k, at angle 2πk / modes.
    public func mean(_ mode: Int) -> (x: Double, y: Double) {
        let angle = 2 * Double.pi * Double(mode) / Double(modes)
        return (radius * cos(angle), radius * sin(angle))
    }

    /// `count` points, row-major `[count, 2]`.
    public func sample(_ count: Int, generator: inout RandomGenerator) -> [Float] {
        let modeDraws = generator.integers(count, below: modes)
        let noise = generator.normal(2 * count, standardDeviation: variance.squareRoot())
        var points = [Float](repeating: 0, count: 2 * count)
        for index in 0..<count {
            let center = mean(modeDraws[index])
            points[2 * index] = Float(center.x + noise[2 * index])
            points[2 * index + 1] = Float(center.y + noise[2 * index + 1])
        }
        return points
    }

    /// The index of the mean nearest to each point of a row-major `[N, 2]` array.
    public func nearestMode(points: [Float]) -> [Int] {
        let means = (0..<modes).map(mean)
        return stride(from: 0, to: points.count - 1, by: 2).map { offset in
            let (x, y) = (Double(points[offset]), Double(points[offset + 1]))
            var best = 0, bestDistance = Double.infinity
            for (mode, center) in means.enumerated() {
                let distance = (x - center.x) * (x - center.x) + (y - center.y) * (y - center.y)
                if distance < bestDistance { (best, bestDistance) = (mode, distance) }
            }
            return best
        }
    }
}
