import XCTest
@testable import FlowTensor

final class RandomGeneratorTests: XCTestCase {
    func testPhiloxMatchesPublishedKnownAnswer() {
        // Random123's kat_vectors: philox4x32-10 with counter = key = 0.
        let zero = Philox.block(key: (0, 0), counter: (0, 0, 0, 0))
        XCTAssertEqual([zero.0, zero.1, zero.2, zero.3], [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8])
        let ones = Philox.block(key: (0xffff_ffff, 0xffff_ffff), counter: (0xffff_ffff, 0xffff_ffff, 0xffff_ffff, 0xffff_ffff))
        XCTAssertEqual([ones.0, ones.1, ones.2, ones.3], [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd])
    }

    func testSameSeedAndStreamGiveSameNumbersAndStreamsDiffer() {
        var a = RandomGenerator(seed: 42, stream: "noise")
        var b = RandomGenerator(seed: 42, stream: "noise")
        var c = RandomGenerator(seed: 42, stream: "data")
        let first = a.uniform(10)
        XCTAssertEqual(first, b.uniform(10))
        XCTAssertNotEqual(first, c.uniform(10))
    }

    func testDrawingInPiecesEqualsDrawingAtOnceWhenBlocksAlign() {
        var whole = RandomGenerator(seed: 1)
        var pieces = RandomGenerator(seed: 1)
        let all = whole.uniform(8)
        XCTAssertEqual(pieces.uniform(4) + pieces.uniform(4), all)
    }

    func testRestoredStateContinuesTheStream() {
        var generator = RandomGenerator(seed: 9, stream: "x")
        _ = generator.normal(7)
        let restored = RandomGenerator(seed: generator.seed, streamKey: generator.streamKey, offset: generator.offset)
        var copy = restored
        XCTAssertEqual(copy.uniform(5), generator.uniform(5))
    }

    func testNormalMomentsAndCategoricalFrequencies() {
        var generator = RandomGenerator(seed: 5)
        let samples = generator.normal(200_000)
        let mean = samples.reduce(0, +) / Double(samples.count)
        let variance = samples.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(samples.count)
        XCTAssertEqual(mean, 0, accuracy: 0.01)
        XCTAssertEqual(variance, 1, accuracy: 0.01)
        let weights = Array(repeating: [0.2, 0.0, 0.5, 0.3], count: 50_000).flatMap { $0 }
        let draws = generator.categorical(rows: weights, classes: 4)
        let counts = (0..<4).map { k in Double(draws.filter { $0 == k }.count) / 50_000 }
        XCTAssertEqual(counts[0], 0.2, accuracy: 0.01)
        XCTAssertEqual(counts[1], 0)
        XCTAssertEqual(counts[2], 0.5, accuracy: 0.01)
    }

    func testPermutationIsAPermutation() {
        var generator = RandomGenerator(seed: 11)
        XCTAssertEqual(generator.permutation(100).sorted(), Array(0..<100))
    }
}
