import Foundation
import FlowTensor
import XCTest
@testable import FlowNN

/// Reading safetensors files, loading them into modules, and rejecting malformed files the test builds itself.
final class SafetensorsTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("SafetensorsTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A file made of an explicit header (JSON text) and data bytes.
    private func file(header: String, data: [UInt8], headerLength: UInt64? = nil, name: String = "test.safetensors") throws -> URL {
        var bytes: [UInt8] = []
        var length = (headerLength ?? UInt64(header.utf8.count)).littleEndian
        withUnsafeBytes(of: &length) { bytes += $0 }
        bytes += Array(header.utf8) + data
        let url = folder.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url
    }

    private func littleEndianBytes<T: FixedWidthInteger>(_ values: [T]) -> [UInt8] {
        values.flatMap { value -> [UInt8] in
            var copy = value.littleEndian
            return withUnsafeBytes(of: &copy) { Array($0) }
        }
    }

    private func expectError(_ url: URL, containing text: String, key: String? = nil,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try SafetensorsFile(url: url), file: file, line: line) { error in
            guard let error = error as? SafetensorsError else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertTrue(error.message.contains(text), "\(error)", file: file, line: line)
            XCTAssertEqual(error.key, key, file: file, line: line)
            XCTAssertEqual(error.file, url.path, file: file, line: line)
        }
    }

    func testReadsF32F16BF16F64AndI64() throws {
        let f32 = littleEndianBytes([Float(1.5).bitPattern, Float(-2).bitPattern])
        let f16 = littleEndianBytes([UInt16(0x3C00), 0xC000, 0x0001, 0x7BFF])       // 1, -2, 2^-24, 65504
        let bf16 = littleEndianBytes([UInt16(0x3FC0), 0xC020])                      // 1.5, -2.5
        let f64 = littleEndianBytes([Double(0.25).bitPattern])
        let i64 = littleEndianBytes([Int64(-3), 7])
        let header = """
        {"__metadata__":{"format":"pt"},"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},\
        "h":{"dtype":"F16","shape":[2,2],"data_offsets":[8,16]},"b":{"dtype":"BF16","shape":[2],"data_offsets":[16,20]},\
        "d":{"dtype":"F64","shape":[],"data_offsets":[20,28]},"i":{"dtype":"I64","shape":[1,2],"data_offsets":[28,44]}}
        """
        let url = try file(header: header, data: f32 + f16 + bf16 + f64 + i64)
        let safetensors = try SafetensorsFile(url: url)
        XCTAssertEqual(safetensors.names, ["a", "b", "d", "h", "i"])
        XCTAssertEqual(safetensors.metadata, ["format": "pt"])
        XCTAssertEqual(try safetensors.tensor("a").floats, [1.5, -2])
        XCTAssertEqual(try safetensors.tensor("h").shape, [2, 2])
        XCTAssertEqual(try safetensors.tensor("h", dtype: .float64).doubles, [1, -2, 0x1p-24, 65504])
        XCTAssertEqual(try safetensors.tensor("b").floats, [1.5, -2.5])
        XCTAssertEqual(try safetensors.tensor("d").item, 0.25)
        XCTAssertEqual(try safetensors.integers("i"), [-3, 7])
        XCTAssertThrowsError(try safetensors.tensor("i")) { XCTAssertTrue("\($0)".contains("not a floating-point")) }
        XCTAssertThrowsError(try safetensors.tensor("zzz")) { XCTAssertEqual(($0 as? SafetensorsError)?.key, "zzz") }
    }

    func testMalformedFilesAreRejectedWithClearErrors() throws {
        let eight = [UInt8](repeating: 0, count: 8)
        expectError(try file(header: "", data: [], name: "empty.safetensors").deletingLastPathComponent()
                        .appendingPathComponent("empty.safetensors"), containing: "header is not valid JSON")
        let tiny = folder.appendingPathComponent("tiny.safetensors")
        try Data([1, 2, 3]).write(to: tiny)
        expectError(tiny, containing: "shorter than the 8-byte header length")
        expectError(try file(header: "{}", data: [], headerLength: 1_000), containing: "runs past the end")
        expectError(try file(header: "{}", data: [], headerLength: UInt64.max), containing: "runs past the end")
        expectError(try file(header: "[1, 2]", data: []), containing: "not a JSON object")
        expectError(try file(header: #"{"x":{"dtype":"F8_E4M3","shape":[2],"data_offsets":[0,2]}}"#, data: [0, 0]),
                    containing: "unknown dtype 'F8_E4M3'", key: "x")
        expectError(try file(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#, data: [0, 0, 0, 0]),
                    containing: "outside the 4-byte data section", key: "x")
        expectError(try file(header: #"{"x":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#, data: eight),
                    containing: "needs 12", key: "x")
        expectError(try file(header: #"{"x":{"dtype":"F32","shape":[-1],"data_offsets":[0,8]}}"#, data: eight),
                    containing: "non-negative integers", key: "x")
        expectError(try file(header: #"{"x":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}"#, data: eight),
                    containing: "outside", key: "x")
        expectError(try file(header: #"{"x":{"dtype":"F32","shape":[4611686018427387904,4],"data_offsets":[0,8]}}"#, data: eight),
                    containing: "too large", key: "x")
        expectError(try file(header: #"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#,
                             data: eight), containing: "overlap tensor 'a'", key: "b")
        expectError(try file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: eight),
                    containing: "belong to no tensor", key: "a")
        expectError(try file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: eight),
                    containing: "cover 4")
        expectError(try file(header: #"{"a":{"dtype":"F32","shape":[1]}}"#, data: []), containing: "data_offsets", key: "a")
        XCTAssertThrowsError(try SafetensorsFile(url: folder.appendingPathComponent("absent.safetensors"))) {
            XCTAssertTrue("\($0)".contains("cannot open"))
        }
    }

    func testEveryTruncationOfAValidFileIsRejectedWithoutCrashing() throws {
        var generator = RandomGenerator(seed: 3)
        let block = TransformerBlock(width: 4, heads: 2, generator: &generator)
        let bytes = try SafetensorsWriter.encode(block.stateDict())
        for length in stride(from: 0, to: bytes.count, by: 7) {
            let url = folder.appendingPathComponent("truncated-\(length).safetensors")
            try bytes.prefix(length).write(to: url)
            XCTAssertThrowsError(try SafetensorsFile(url: url), "a file cut at \(length) of \(bytes.count) bytes")
        }
    }

    func testModuleRoundTripAndLoadErrorsListEveryName() throws {
        var generator = RandomGenerator(seed: 1)
        let source = TransformerBlock(width: 8, heads: 2, generator: &generator)
        let target = TransformerBlock(width: 8, heads: 2, dtype: .float64, generator: &generator)
        let url = folder.appendingPathComponent("block.safetensors")
        try SafetensorsWriter.write(source.stateDict(), to: url)
        try target.loadSafetensors(SafetensorsFile(url: url))
        for ((name, a), (_, b)) in zip(source.namedParameters(), target.namedParameters()) {
            XCTAssertEqual(a.floats, b.floats, name)
        }

        var state = source.stateDict()
        state["norm1.bias"] = nil
        state["extra.weight"] = Tensor.zeros([2])
        state["attn.qkv.weight"] = Tensor.zeros([8, 8])
        let broken = folder.appendingPathComponent("broken.safetensors")
        try SafetensorsWriter.write(state, to: broken)
        let before = target.norm2.weight!.doubles
        XCTAssertThrowsError(try target.loadSafetensors(SafetensorsFile(url: broken))) { error in
            let error = error as? StateDictionaryError
            XCTAssertEqual(error?.missing, ["norm1.bias"])
            XCTAssertEqual(error?.unexpected, ["extra.weight"])
            XCTAssertEqual(error?.mismatched.map(\.name), ["attn.qkv.weight"])
        }
        XCTAssertEqual(target.norm2.weight!.doubles, before, "nothing is written when something does not fit")
        try target.loadSafetensors(SafetensorsFile(url: url), prefix: "", ignoring: { $0 == "extra.weight" })
    }
}
