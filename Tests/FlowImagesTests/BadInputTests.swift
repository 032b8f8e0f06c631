import XCTest
@testable import FlowImages

/// Corrupt, truncated, empty and oversized inputs give one clear error, never a crash.
final class BadInputTests: XCTestCase {
    private func assertError(_ data: Data, mentions phrases: [String], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try ImageDecoder().decode(data, source: "sample.bin"), file: file, line: line) { error in
            let text = "\(error)"
            XCTAssertTrue(text.hasPrefix("sample.bin: "), text, file: file, line: line)
            for phrase in phrases {
                XCTAssertTrue(text.localizedCaseInsensitiveContains(phrase), "'\(text)' should mention '\(phrase)'", file: file, line: line)
            }
        }
    }

    func testTruncatedFilesAreErrorsAtEveryCut() throws {
        for name in ["rgb.png", "palette_transparent.png", "baseline.jpg", "progressive.jpg"] {
            let bytes = try ImageFixtures.bytes(name)
            for fraction in [0.02, 0.3, 0.6, 0.95] {
                let cut = Data(bytes.prefix(max(4, Int(Double(bytes.count) * fraction))))
                XCTAssertThrowsError(try ImageDecoder().decode(cut, source: name), "\(name) cut at \(cut.count) bytes") { error in
                    XCTAssertTrue("\(error)".hasPrefix("\(name): "), "\(error)")
                }
            }
        }
    }

    func testCorruptPNGDataIsAnError() throws {
        var bytes = try ImageFixtures.bytes("grey.png")
        let dataStart = bytes.count / 2
        for index in dataStart..<dataStart + 20 { bytes[index] ^= 0x5A }  // inside IDAT: CRC mismatch
        assertError(Data(bytes), mentions: ["PNG"])
    }

    func testEmptyAndUnknownFilesAreErrors() {
        assertError(Data(), mentions: ["empty"])
        assertError(Data("GIF89a........".utf8), mentions: ["not a PNG or JPEG"])
    }

    func testHugeDeclaredPNGIsRejectedBeforeAllocating() throws {
        var bytes = try ImageFixtures.bytes("grey.png")
        // IHDR width and height at bytes 16..<24: declare 100000 x 100000, then fix the chunk's CRC.
        let side: [UInt8] = [0x00, 0x01, 0x86, 0xA0]
        bytes.replaceSubrange(16..<20, with: side)
        bytes.replaceSubrange(20..<24, with: side)
        let crc = Self.crc32(Array(bytes[12..<29]))
        bytes.replaceSubrange(29..<33, with: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: crc >> UInt32($0)) })
        assertError(Data(bytes), mentions: ["100000 x 100000", "exceeds"])
    }

    func testHugeDeclaredJPEGIsRejectedBeforeAllocating() throws {
        var bytes = try ImageFixtures.bytes("baseline.jpg")
        // SOF0 marker FF C0: length (2), precision (1), height (2), width (2).
        let marker = try XCTUnwrap((0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes.replaceSubrange(marker + 5..<marker + 9, with: [0xEA, 0x60, 0xEA, 0x60])
        assertError(Data(bytes), mentions: ["60000 x 60000", "exceeds"])
    }

    func testZeroSizeJPEGIsAnError() throws {
        var bytes = try ImageFixtures.bytes("baseline.jpg")
        let marker = try XCTUnwrap((0..<bytes.count - 1).first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xC0 })
        bytes.replaceSubrange(marker + 7..<marker + 9, with: [0, 0])
        assertError(Data(bytes), mentions: ["JPEG"])
    }

    func testInvalidUTF8InInternationalTextIsAnError() throws {
        let png = try PNGEncoder().encode(RGBImage(width: 1, height: 1, filledWith: .white),
                                          text: [PNGTextEntry(keyword: "Title", text: "水")])
        var bytes = [UInt8](png)
        let utf8 = Array("水".utf8)
        let position = try XCTUnwrap((0..<bytes.count - 2).first { Array(bytes[$0..<$0 + 3]) == utf8 })
        bytes[position] = 0xFF  // no longer UTF-8; fix the iTXt CRC so only the encoding is wrong
        let chunkStart = try XCTUnwrap((0..<position).last { Array(bytes[$0..<$0 + 4]) == Array("iTXt".utf8) }) - 4
        let length = Int(bytes[chunkStart]) << 24 | Int(bytes[chunkStart + 1]) << 16 | Int(bytes[chunkStart + 2]) << 8 | Int(bytes[chunkStart + 3])
        let crc = Self.crc32(Array(bytes[chunkStart + 4..<chunkStart + 8 + length]))
        bytes.replaceSubrange(chunkStart + 8 + length..<chunkStart + 12 + length, with: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: crc >> UInt32($0)) })
        assertError(Data(bytes), mentions: ["iTXt", "Title", "UTF-8"])
    }

    func testResizeRejectsEmptyTarget() {
        XCTAssertThrowsError(try RGBImage(width: 4, height: 4, filledWith: .white).resized(width: 0, height: 4))
    }

    /// Bitwise CRC-32 (PNG chunks), to forge headers in these tests.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var value: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            value ^= UInt32(byte)
            for _ in 0..<8 { value = value & 1 != 0 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        }
        return ~value
    }
}
