import FlowTensor
import Foundation

/// The sliced 2-Wasserstein distance between two equally sized point clouds.
///
/// `SW₂ = sqrt( mean_θ W₂²(θ·X, θ·Y) )` over `projections` directions drawn uniformly on the unit sphere from
/// the seed, where each one-dimensional W₂² is the mean squared difference of the sorted projections.
public struct SlicedWasserstein: Sendable {
    /// Number of random directions.
    public let projections: Int
    /// Seed of the directions (the same seed gives the same directions).
    public let seed: UInt64

    public init(projections: Int = 128, seed: UInt64 = 0) {
        self.projections = projections
        self.seed = seed
    }

    /// The distance between row-major `[N, dimension]` point sets `a` and `b` of equal size.
    public func distance(_ a: [Float], _ b: [Float], dimension: Int) -> Double {
        precondition(a.count == b.count && a.count % dimension == 0, "point sets of sizes \(a.count) and \(b.count)")
        let count = a.count / dimension
        guard count > 0 else { return 0 }
        var generator = RandomGenerator(seed: seed, stream: "sliced-wasserstein")
        var total = 0.0
        for _ in 0..<projections {
            let direction = generator.normal(dimension)
            let length = direction.reduce(0) { $0 + $1 * $1 }.squareRoot()
            func project(_ points: [Float]) -> [Double] {
                (0..<count).map { row in
                    (0..<dimension).reduce(0.0) { $0 + Double(points[row * dimension + $1]) * direction[$1] / length }
                }.sorted()
            }
            let (pa, pb) = (project(a), project(b))
            total += zip(pa, pb).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(count)
        }
        return (total / Double(projections)).squareRoot()
    }
}
