import Foundation
import RealModule

/// A seeded, counter-based random stream (Philox4x32-10).
///
/// The numbers depend only on the seed, the stream name and how many have been drawn, never on the
/// thread count. Split one seed into independent streams per purpose:
///
/// ```swift
/// var noise = RandomGenerator(seed: 7, stream: "noise")
/// var data = RandomGenerator(seed: 7, stream: "data")
/// let x0 = noise.normalTensor([256, 2])
/// ```
public struct RandomGenerator: Sendable, Equatable, Codable {
    /// The seed the stream was made from.
    public let seed: UInt64
    /// The stream identifier (a hash of the stream name, or set by `split`).
    public let streamKey: UInt64
    /// How many 128-bit blocks have been consumed: the whole state besides seed and stream.
    public private(set) var offset: UInt64

    /// A stream named `stream` of the given seed.
    public init(seed: UInt64, stream: String = "default") {
        self.init(seed: seed, streamKey: RandomGenerator.hash(stream), offset: 0)
    }

    /// A generator at an exact state (for restoring checkpoints).
    public init(seed: UInt64, streamKey: UInt64, offset: UInt64) {
        self.seed = seed
        self.streamKey = streamKey
        self.offset = offset
    }

    /// An independent child stream, e.g. one per sample batch or per modality.
    public func split(_ name: String) -> RandomGenerator {
        RandomGenerator(seed: seed, streamKey: RandomGenerator.hash(name, basis: streamKey), offset: 0)
    }

    static func hash(_ text: String, basis: UInt64 = 0xCBF2_9CE4_8422_2325) -> UInt64 {
        var value = basis
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return value
    }

    private var key: (UInt32, UInt32) {
        let mixed = seed ^ (streamKey &* 0x9E37_79B9_7F4A_7C15)
        return (UInt32(truncatingIfNeeded: mixed), UInt32(truncatingIfNeeded: mixed >> 32))
    }

    /// Four 32-bit words of block `index` of this stream.
    private func words(_ index: UInt64) -> (UInt32, UInt32, UInt32, UInt32) {
        Philox.block(key: key, counter: (UInt32(truncatingIfNeeded: index), UInt32(truncatingIfNeeded: index >> 32),
                                         UInt32(truncatingIfNeeded: streamKey), UInt32(truncatingIfNeeded: streamKey >> 32)))
    }

    /// Draws `count` 64-bit words; each call consumes whole blocks (two words per block).
    public mutating func nextWords(_ count: Int) -> [UInt64] {
        let blocks = (count + 1) / 2
        let start = offset
        offset += UInt64(blocks)
        var result = [UInt64](repeating: 0, count: count)
        for block in 0..<blocks {
            let (a, b, c, d) = words(start + UInt64(block))
            result[2 * block] = UInt64(a) << 32 | UInt64(b)
            if 2 * block + 1 < count { result[2 * block + 1] = UInt64(c) << 32 | UInt64(d) }
        }
        return result
    }

    /// `count` uniform draws in [0, 1) with 53-bit resolution.
    public mutating func uniform(_ count: Int) -> [Double] {
        nextWords(count).map { Double($0 >> 11) * 0x1.0p-53 }
    }

    /// One uniform draw in [0, 1).
    public mutating func uniform() -> Double { uniform(1)[0] }

    /// `count` standard normal draws (Box-Muller on pairs of uniforms).
    public mutating func normal(_ count: Int, mean: Double = 0, standardDeviation: Double = 1) -> [Double] {
        let u = uniform(2 * ((count + 1) / 2))
        var result = [Double](repeating: 0, count: count)
        for pair in 0..<(count + 1) / 2 {
            let radius = (-2 * Double.log(1 - u[2 * pair])).squareRoot()
            let angle = 2 * Double.pi * u[2 * pair + 1]
            result[2 * pair] = mean + standardDeviation * radius * Double.cos(angle)
            if 2 * pair + 1 < count { result[2 * pair + 1] = mean + standardDeviation * radius * Double.sin(angle) }
        }
        return result
    }

    /// `count` integers uniform in `0..<upperBound`.
    public mutating func integers(_ count: Int, below upperBound: Int) -> [Int] {
        precondition(upperBound > 0, "upper bound must be positive")
        return uniform(count).map { Swift.min(Int($0 * Double(upperBound)), upperBound - 1) }
    }

    /// One draw from the categorical distribution with (unnormalised, non-negative) `weights`, in Float64.
    public mutating func categorical(_ weights: UnsafeBufferPointer<Double>) -> Int {
        RandomGenerator.pick(weights, at: uniform())
    }

    /// One draw per row of a `[rows, classes]` weight matrix (row-major), in Float64.
    public mutating func categorical(rows weights: [Double], classes: Int) -> [Int] {
        let rows = weights.count / classes
        let u = uniform(rows)
        return weights.withUnsafeBufferPointer { buffer in
            (0..<rows).map { row in
                RandomGenerator.pick(UnsafeBufferPointer(rebasing: buffer[(row * classes)..<((row + 1) * classes)]), at: u[row])
            }
        }
    }

    /// The class whose cumulative weight first exceeds `u · total` (the last positive class when rounding runs past it).
    private static func pick(_ weights: UnsafeBufferPointer<Double>, at u: Double) -> Int {
        var total = 0.0
        for w in weights { total += w }
        let target = u * total
        var running = 0.0, last = 0
        for (index, w) in weights.enumerated() where w > 0 {
            running += w
            last = index
            if target < running { return index }
        }
        return last
    }

    /// A permutation of `0..<count` (Fisher-Yates).
    public mutating func permutation(_ count: Int) -> [Int] {
        var values = Array(0..<count)
        let u = uniform(count)
        for i in stride(from: count - 1, to: 0, by: -1) {
            let j = Swift.min(Int(u[i] * Double(i + 1)), i)
            values.swapAt(i, j)
        }
        return values
    }

    /// A tensor of standard normal draws.
    public mutating func normalTensor(_ shape: [Int], dtype: DType = .float32) -> Tensor {
        Tensor(shape: shape, scalars: normal(shape.reduce(1, *))).converted(to: dtype)
    }

    /// A tensor of uniform draws in [lower, upper).
    public mutating func uniformTensor(_ shape: [Int], lower: Double = 0, upper: Double = 1, dtype: DType = .float32) -> Tensor {
        Tensor(shape: shape, scalars: uniform(shape.reduce(1, *)).map { lower + (upper - lower) * $0 }).converted(to: dtype)
    }
}
