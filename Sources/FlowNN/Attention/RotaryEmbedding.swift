import Foundation
import FlowTensor

/// Rotary position embedding (RoPE) for queries and keys, 1D or 2D axial, in the rotate-half convention.
///
/// For a head dimension `d` and position `p`, feature pairs `(x[i], x[i + d/2])` are rotated by the angle
/// `p · base^(-2i/d)`: `x · cos + rotateHalf(x) · sin`, with `rotateHalf(x) = [-x₂, x₁]` (GPT-NeoX / LLaMA).
/// The 2D axial form splits the head dimension in two halves: the first is rotated by each token's row,
/// the second by its column, each as a 1D embedding of dimension `d/2` (tokens in raster order).
///
/// ```swift
/// let rope = RotaryEmbedding(dimension: 16, length: 10)          // positions 0..<10
/// let grid = RotaryEmbedding(dimension: 16, height: 4, width: 4) // 16 tokens, raster order
/// let q = rope.apply(query)                                       // query: [B, heads, 10, 16]
/// ```
public struct RotaryEmbedding: Sendable {
    /// The head dimension this embedding rotates.
    public let dimension: Int
    /// The number of token positions.
    public let length: Int
    /// How many equal parts the head dimension is split into (1 for 1D, 2 for 2D axial).
    let sections: Int
    private let tables32: (cosine: Tensor, sine: Tensor)
    private let tables64: (cosine: Tensor, sine: Tensor)

    /// A 1D embedding for tokens at `positions` (default `0..<length`).
    public init(dimension: Int, length: Int, positions: [Int]? = nil, base: Double = 10_000) {
        precondition(dimension % 2 == 0, "1D RoPE needs an even head dimension, got \(dimension)")
        let positions = positions ?? Array(0..<length)
        precondition(positions.count == length, "RoPE: \(positions.count) positions for length \(length)")
        self.init(dimension: dimension, coordinates: [positions], base: base)
    }

    /// A 2D axial embedding for a `height × width` grid of tokens in raster order (row-major).
    public init(dimension: Int, height: Int, width: Int, base: Double = 10_000) {
        precondition(dimension % 4 == 0, "2D axial RoPE needs a head dimension divisible by 4, got \(dimension)")
        let rows = (0..<height * width).map { $0 / width }
        let columns = (0..<height * width).map { $0 % width }
        self.init(dimension: dimension, coordinates: [rows, columns], base: base)
    }

    /// A 2D axial embedding for a `height × width` grid of tokens in raster order followed by `unrotated` tokens
    /// that are not rotated (position 0 on both axes: a rotation by zero), e.g. a 1D tokenizer's latent tokens
    /// after its image patches.
    public init(dimension: Int, height: Int, width: Int, unrotated: Int, base: Double = 10_000) {
        precondition(dimension % 4 == 0, "2D axial RoPE needs a head dimension divisible by 4, got \(dimension)")
        let rows = (0..<height * width).map { $0 / width } + Array(repeating: 0, count: unrotated)
        let columns = (0..<height * width).map { $0 % width } + Array(repeating: 0, count: unrotated)
        self.init(dimension: dimension, coordinates: [rows, columns], base: base)
    }

    /// One coordinate list per section; section s rotates features `s·d/S ..< (s+1)·d/S`.
    private init(dimension: Int, coordinates: [[Int]], base: Double) {
        self.dimension = dimension
        self.sections = coordinates.count
        self.length = coordinates[0].count
        let sectionWidth = dimension / sections
        let half = sectionWidth / 2
        var cosine = [Double](repeating: 0, count: length * dimension)
        var sine = cosine
        for token in 0..<length {
            for (section, positions) in coordinates.enumerated() {
                for i in 0..<half {
                    let frequency = Foundation.pow(base, -2 * Double(i) / Double(sectionWidth))
                    let angle = Double(positions[token]) * frequency
                    for offset in [i, i + half] {
                        let index = token * dimension + section * sectionWidth + offset
                        cosine[index] = Foundation.cos(angle)
                        sine[index] = Foundation.sin(angle)
                    }
                }
            }
        }
        let shape = [length, dimension]
        tables64 = (Tensor(shape: shape, scalars: cosine), Tensor(shape: shape, scalars: sine))
        tables32 = (tables64.cosine.converted(to: .float32), tables64.sine.converted(to: .float32))
    }

    /// Rotates `x` of shape `[..., length, dimension]` (queries or keys, one head per slice).
    public func apply(_ x: Tensor) -> Tensor {
        precondition(x.rank >= 2 && x.shape[x.rank - 2] == length && x.shape[x.rank - 1] == dimension,
                     "RoPE for \(length) tokens of dimension \(dimension) cannot apply to \(x.shape)")
        let tables = x.dtype == .float32 ? tables32 : tables64
        return x * tables.cosine + rotateHalf(x) * tables.sine
    }

    /// `[-x₂, x₁]` within each section.
    private func rotateHalf(_ x: Tensor) -> Tensor {
        let half = dimension / sections / 2
        var pieces: [Tensor] = []
        for section in 0..<sections {
            let parts = x.slice(axis: -1, (2 * section * half)..<(2 * (section + 1) * half)).split([half, half], axis: -1)
            pieces += [-parts[1], parts[0]]
        }
        return Tensor.concatenate(pieces, axis: -1)
    }
}
