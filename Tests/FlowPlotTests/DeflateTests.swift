import XCTest
@testable import FlowPlot

final class DeflateTests: XCTestCase {
    func testChecksumsMatchKnownValues() {
        XCTAssertEqual(CRC32.checksum(Array("123456789".utf8)), 0xCBF4_3926)
        XCTAssertEqual(CRC32.checksum([UInt8]()), 0)
        XCTAssertEqual(Adler32.checksum(Array("Wikipedia".utf8)), 0x11E6_0398)
        XCTAssertEqual(Adler32.checksum([UInt8]()), 1)
    }

    func testAdler32HandlesLongInputsBeyondTheOverflowBlock() {
        let bytes = [UInt8](repeating: 255, count: 100_000)
        var low: UInt32 = 1
        var high: UInt32 = 0
        for byte in bytes {
            low = (low + UInt32(byte)) % 65_521
            high = (high + low) % 65_521
        }
        XCTAssertEqual(Adler32.checksum(bytes), high << 16 | low)
    }

    func testFixedHuffmanRoundTripsRandomBytes() throws {
        var generator = SeededGenerator(seed: 1)
        for count in [0, 1, 2, 3, 100, 70_000] {
            let input = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let compressed = ZlibCompressor(method: .fixedHuffman).compress(input)
            XCTAssertEqual(try TestInflater.inflateZlib(compressed), input, "random input of \(count) bytes")
        }
    }

    func testFixedHuffmanRoundTripsRepetitiveBytesAndCompressesThem() throws {
        var generator = SeededGenerator(seed: 2)
        // Runs of a few symbols with occasional noise, like flat-coloured image rows; longer than the window.
        var input: [UInt8] = []
        while input.count < 200_000 {
            let symbol = UInt8.random(in: 0...3, using: &generator)
            input += [UInt8](repeating: symbol, count: Int.random(in: 1...600, using: &generator))
            if Bool.random(using: &generator) { input += Array("pattern-xyz".utf8) }
        }
        let compressed = ZlibCompressor(method: .fixedHuffman).compress(input)
        XCTAssertEqual(try TestInflater.inflateZlib(compressed), input)
        XCTAssertLessThan(compressed.count * 10, input.count, "repetitive data should shrink at least 10x")

        let constant = [UInt8](repeating: 7, count: 1_000_000)
        let constantCompressed = ZlibCompressor(method: .fixedHuffman).compress(constant)
        XCTAssertEqual(try TestInflater.inflateZlib(constantCompressed), constant)
        XCTAssertLessThan(constantCompressed.count, 7_000)  // 13 bits per 258-byte match
    }

    func testStoredBlocksRoundTripAcrossTheBlockLimit() throws {
        var generator = SeededGenerator(seed: 3)
        for count in [0, 65_535, 65_536, 150_000] {
            let input = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let compressed = ZlibCompressor(method: .stored).compress(input)
            XCTAssertEqual(try TestInflater.inflateZlib(compressed), input, "stored input of \(count) bytes")
            let blocks = max(1, (count + 65_534) / 65_535)
            XCTAssertEqual(compressed.count, 2 + count + 5 * blocks + 4)
        }
    }
}
