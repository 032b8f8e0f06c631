import FlowTensor
import Foundation

/// The settings of the `shapes` benchmark: image size, objects per image, concept skew, held-out pairs, seed.
///
/// ```swift
/// let configuration = try ShapesConfiguration(imageSize: 32, objectCounts: [1, 2], imbalance: 1,
///                                             holdout: [ShapeComposition(color: .blue, shape: .triangle)], seed: 7)
/// ```
public struct ShapesConfiguration: Sendable, Codable, Hashable {
    /// The largest accepted `imbalance`.
    public static let maximumImbalance = 4.0

    /// The image side: 16, 32 or 64.
    public let imageSize: Int
    /// The object counts images are drawn from, uniformly (a subset of 1 and 2).
    public let objectCounts: [Int]
    /// The Zipf exponent s over colour x shape pairs: the pair of rank k (from 1) has weight k^-s; 0 is uniform.
    public let imbalance: Double
    /// Colour x shape pairs never drawn in train and val (test draws every pair).
    public let holdout: [ShapeComposition]
    /// The seed of every random choice.
    public let seed: UInt64

    /// Checks every setting; throws a `DataError` naming the bad one.
    public init(imageSize: Int = 32, objectCounts: [Int] = [1], imbalance: Double = 0, holdout: [ShapeComposition] = [],
                seed: UInt64 = 0) throws {
        _ = try ShapeRenderer(imageSize: imageSize)
        let counts = Array(Set(objectCounts)).sorted()
        guard !counts.isEmpty, counts.allSatisfy({ $0 == 1 || $0 == 2 }) else {
            throw DataError("objects per image must be 1, 2 or both, not \(objectCounts)", key: "objects")
        }
        guard imbalance.isFinite, (0...Self.maximumImbalance).contains(imbalance) else {
            throw DataError("imbalance \(imbalance) is not in 0...\(Self.maximumImbalance)", key: "imbalance")
        }
        let held = Array(Set(holdout)).sorted { $0.index < $1.index }
        guard held.count < ShapeComposition.all.count else {
            throw DataError("every colour x shape pair is held out, so train would be empty", key: "holdout")
        }
        self.imageSize = imageSize
        self.objectCounts = counts
        self.imbalance = imbalance
        self.holdout = held
        self.seed = seed
    }

    private enum CodingKeys: String, CodingKey {
        case imageSize = "size", objectCounts = "objects", imbalance, holdout, seed
    }

    /// Decodes the settings and checks them like `init(imageSize:objectCounts:imbalance:holdout:seed:)`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(imageSize: container.decodeIfPresent(Int.self, forKey: .imageSize) ?? 32,
                      objectCounts: container.decodeIfPresent([Int].self, forKey: .objectCounts) ?? [1],
                      imbalance: container.decodeIfPresent(Double.self, forKey: .imbalance) ?? 0,
                      holdout: container.decodeIfPresent([ShapeComposition].self, forKey: .holdout) ?? [],
                      seed: container.decodeIfPresent(UInt64.self, forKey: .seed) ?? 0)
    }

    /// The rank (0 = most frequent) of each composition under `imbalance`: a fixed shuffle, the same in every release.
    ///
    /// A fixed shuffle rather than colour-major order, so the rare pairs mix colours and shapes.
    public static let compositionRanks: [Int] = {
        var random = RandomGenerator(seed: 0x5EED_5A9E, stream: "shapes.composition-ranks")
        let order = random.permutation(ShapeComposition.all.count)  // order[rank] = composition index
        var ranks = [Int](repeating: 0, count: order.count)
        for (rank, composition) in order.enumerated() { ranks[composition] = rank }
        return ranks
    }()

    /// The drawing weight of each composition (indexed by `ShapeComposition.index`) in `split`.
    ///
    /// Train and val: k^-s by rank, 0 for held-out pairs. Test: uniform over every pair, held-out ones
    /// included, so each concept is measured equally. Weights are rounded to multiples of 2^-32 so
    /// that the last bit of `pow` cannot change a draw on another machine.
    public func compositionWeights(for split: ShapesSplit) -> [Double] {
        ShapeComposition.all.map { composition in
            if split == .test { return 1 }
            if holdout.contains(composition) { return 0 }
            let weight = pow(Double(Self.compositionRanks[composition.index] + 1), -imbalance)
            return max((weight * 0x1p32).rounded(), 1) * 0x1p-32
        }
    }
}
