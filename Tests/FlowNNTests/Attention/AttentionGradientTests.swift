import FlowTensor
import XCTest
@testable import FlowNN

/// Finite-difference gradient checks (float64) for attention, RoPE and the blocks.
final class AttentionGradientTests: XCTestCase {
    private var generator = RandomGenerator(seed: 12, stream: "attention")

    func testSelfAttentionWithMaskAndRotaryEmbedding() {
        let attention = MultiHeadAttention(width: 8, heads: 2, dtype: .float64, generator: &generator)
        let x = gradientInput([2, 3, 8])
        assertGradientsMatch(attention, inputs: [x]) { attention(x) }
        let mask = Tensor.causalMask(3, dtype: .float64)
        let rotary = RotaryEmbedding(dimension: 4, length: 3)
        assertGradientsMatch(attention, inputs: [x]) { attention(x, mask: mask, rotary: rotary) }
    }

    func testCrossAttentionWithPaddingMask() {
        let attention = CrossAttention(width: 8, contextWidth: 5, heads: 2, dtype: .float64, generator: &generator)
        let x = gradientInput([2, 3, 8], seed: 1)
        let context = gradientInput([2, 4, 5], seed: 2)
        let mask = Tensor.additiveMask(keep: [true, true, true, true, true, true, false, false], shape: [2, 1, 1, 4],
                                       dtype: .float64)
        assertGradientsMatch(attention, inputs: [x, context]) { attention(x, context: context, mask: mask) }
    }

    func testRotaryEmbedding1DAnd2D() {
        let x = gradientInput([2, 2, 6, 8])
        let line = RotaryEmbedding(dimension: 8, length: 6, positions: [0, 3, 1, 7, 2, 5])
        assertGradientsMatch(nil, inputs: [x]) { line.apply(x) }
        let grid = RotaryEmbedding(dimension: 8, height: 2, width: 3)
        assertGradientsMatch(nil, inputs: [x]) { grid.apply(x) }
    }

    func testTransformerBlock() {
        let block = TransformerBlock(width: 8, heads: 2, mlpRatio: 2, dtype: .float64, generator: &generator)
        let x = gradientInput([2, 3, 8])
        assertGradientsMatch(block, inputs: [x]) { block(x, rotary: RotaryEmbedding(dimension: 4, length: 3)) }
    }

    func testCrossAttentionBlock() {
        let block = CrossAttentionBlock(width: 8, contextWidth: 6, heads: 2, dtype: .float64, generator: &generator)
        let x = gradientInput([2, 3, 8], seed: 4)
        let context = gradientInput([2, 2, 6], seed: 5)
        assertGradientsMatch(block, inputs: [x, context]) { block(x, context: context) }
    }
}
