/// A split of the `shapes` benchmark: train, val or test, disjoint by construction.
///
/// Every possible image (a scene plus its discrete variation) belongs to exactly one split, decided
/// by a fixed hash of its content: 1 in 20 images to val, 1 in 20 to test, the rest to train. A
/// generator for a split redraws until it hits an image of its own split, so no image can appear in
/// two splits, whatever the seeds.
public enum ShapesSplit: String, CaseIterable, Sendable, Codable {
    case train, val, test

    /// The split owning an image with this content key (see `ShapesGenerator`).
    static func owner(ofContentKey key: [Int]) -> ShapesSplit {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for value in key {
            for byte in 0..<8 {
                hash ^= UInt64(truncatingIfNeeded: value >> (8 * byte)) & 0xFF
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        switch hash % 20 {
        case 0: return .val
        case 1: return .test
        default: return .train
        }
    }
}
