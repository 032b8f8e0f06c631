import FlowTensor
import XCTest
@testable import FlowNN

final class RotaryEmbeddingTests: XCTestCase {
    /// Scores of a rotated query at position m and key at position n depend only on m - n.
    func testScoresDependOnlyOnRelativePosition() {
        var generator = RandomGenerator(seed: 1)
        let q = generator.normalTensor([1, 8], dtype: .float64), k = generator.normalTensor([1, 8], dtype: .float64)
        func score(_ m: Int, _ n: Int) -> Double {
            let rope = RotaryEmbedding(dimension: 8, length: 2, positions: [m, n])
            let rotated = rope.apply(Tensor.concatenate([q, k], axis: 0))
            let parts = rotated.split([1, 1], axis: 0)
            return (parts[0] * parts[1]).sum().item
        }
        XCTAssertEqual(score(5, 2), score(13, 10), accuracy: 1e-10)
        XCTAssertEqual(score(0, 0), (q * k).sum().item, accuracy: 1e-12)
        XCTAssertNotEqual(score(5, 2), score(5, 3), accuracy: 1e-3)
    }

    /// Rotations keep norms; position 0 is the identity; pair (i, i + d/2) turns by p · base^(-2i/d).
    func testRotationMatchesTheFormula() {
        let x = Tensor(shape: [2, 4], scalars: [1, 0, 0, 0, 1, 0, 0, 0] as [Double])
        let rotated = RotaryEmbedding(dimension: 4, length: 2, base: 100).apply(x).doubles
        XCTAssertEqual(Array(rotated[0..<4]), [1, 0, 0, 0])
        // position 1, i = 0: angle 1 → (cos 1, 0, sin 1, 0)
        XCTAssertEqual(rotated[4], cos(1.0), accuracy: 1e-12)
        XCTAssertEqual(rotated[6], sin(1.0), accuracy: 1e-12)
        let y = Tensor(shape: [1, 4], scalars: [0, 1, 0, 0] as [Double])
        let turned = RotaryEmbedding(dimension: 4, length: 1, positions: [3], base: 100).apply(y).doubles
        // i = 1: angle 3 · 100^(-1/2) = 0.3
        XCTAssertEqual(turned[1], cos(0.3), accuracy: 1e-12)
        XCTAssertEqual(turned[3], sin(0.3), accuracy: 1e-12)
    }

    /// The 2D axial form rotates the first half by the row and the second half by the column.
    func testAxialEmbeddingSplitsRowsAndColumns() {
        var generator = RandomGenerator(seed: 2)
        let x = generator.normalTensor([6, 8], dtype: .float64)
        let grid = RotaryEmbedding(dimension: 8, height: 2, width: 3).apply(x)
        let halves = x.split([4, 4], axis: -1)
        let rows = RotaryEmbedding(dimension: 4, length: 6, positions: [0, 0, 0, 1, 1, 1]).apply(halves[0])
        let columns = RotaryEmbedding(dimension: 4, length: 6, positions: [0, 1, 2, 0, 1, 2]).apply(halves[1])
        assertClose(grid, Tensor.concatenate([rows, columns], axis: -1), tolerance: 1e-15)
        XCTAssertEqual(grid.norm().item, x.norm().item, accuracy: 1e-12)
    }
}
