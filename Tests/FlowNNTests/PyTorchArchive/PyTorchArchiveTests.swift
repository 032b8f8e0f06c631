import Foundation
import FlowTensor
import XCTest
import ZIPFoundation
@testable import FlowNN

/// The PyTorch archive reader against archives written by PyTorch (`Scripts/fixtures/pytorch_archive_make_fixture.py`),
/// and its errors on archives tampered with here.
final class PyTorchArchiveTests: XCTestCase {
    struct Expected: Decodable {
        struct Entry: Decodable { let shape: [Int]; let values: [Double] }
        let archives: [String: [String: Entry]]
    }

    private func expected() throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: Fixtures.url("pytorch_archive/expected.json")))
    }

    private func checkArchive(_ name: String) throws {
        let reference = try XCTUnwrap(expected().archives[name])
        let tensors = try PyTorchArchive(contentsOf: Fixtures.url("pytorch_archive/\(name).fixture")).tensors()
        XCTAssertEqual(Set(tensors.keys), Set(reference.keys), name)
        for (tensorName, entry) in reference {
            guard let tensor = tensors[tensorName] else { continue }
            XCTAssertEqual(tensor.shape, entry.shape, "\(name) \(tensorName)")
            let worst = zip(tensor.doubles, entry.values).map { abs($0 - $1) / max(1, abs($1)) }.max() ?? 0
            XCTAssertLessThanOrEqual(worst, 1e-7, "\(name) \(tensorName)")
        }
    }

    func testStateDictionaryArchive() throws {
        try checkArchive("state_dict.pt")
        let tensors = try PyTorchArchive(contentsOf: Fixtures.url("pytorch_archive/state_dict.pt.fixture")).tensors()
        XCTAssertEqual(tensors["model.conv.bias"]?.dtype, .float64)
        XCTAssertEqual(tensors["model.steps"]?.floats, [3, -2, 1_000_000])
    }

    func testTorchScriptArchive() throws {
        try checkArchive("scripted.pt")
        let archive = try PyTorchArchive(contentsOf: Fixtures.url("pytorch_archive/scripted.pt.fixture"))
        guard case .object(let conv)? = archive.root["conv"] else { return XCTFail("no conv object") }
        XCTAssertEqual(conv.className, "__torch__.torch.nn.modules.conv.Conv2d")
    }

    // MARK: - Tampered archives

    /// A copy of `source` with entries replaced (`data == nil` drops the entry) or added.
    private func rewritten(_ source: String, replacing replacements: [String: Data?]) throws -> URL {
        let input = try Archive(url: Fixtures.url("pytorch_archive/\(source).fixture"), accessMode: .read)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tampered-\(UUID().uuidString).pt")
        addTeardownBlock { try? FileManager.default.removeItem(at: output) }
        let archive = try Archive(url: output, accessMode: .create)
        for entry in input where entry.type == .file {
            var data = Data()
            _ = try input.extract(entry) { data.append($0) }
            if let replacement = replacements[entry.path] {
                guard let replacement else { continue }
                data = replacement
            }
            try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count)) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return output
    }

    private func assertError(_ url: URL, contains fragments: [String], file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try PyTorchArchive(contentsOf: url).tensors()
            XCTFail("no error for a tampered archive", file: file, line: line)
        } catch {
            let text = String(describing: error)
            XCTAssertTrue(error is PyTorchArchiveError, "\(type(of: error)): \(text)", file: file, line: line)
            for fragment in fragments {
                XCTAssertTrue(text.contains(fragment), "'\(text)' lacks '\(fragment)'", file: file, line: line)
            }
        }
    }

    func testNotAZipArchive() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("not-zip-\(UUID().uuidString).pt")
        try Data("hello, not a checkpoint".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        assertError(url, contains: [url.path, "not a zip archive"])
    }

    func testTruncatedArchive() throws {
        let data = try Data(contentsOf: Fixtures.url("pytorch_archive/state_dict.pt.fixture"))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("truncated-\(UUID().uuidString).pt")
        try data.prefix(data.count / 2).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        assertError(url, contains: ["malformed zip archive"])
    }

    /// A pickle that would call `os.system("echo")` is refused at its GLOBAL opcode, and nothing runs.
    func testCodeExecutionGlobalIsRefused() throws {
        var pickle = Data([0x80, 0x02]) + Data("cos\nsystem\n".utf8)
        pickle += Data([0x58, 4, 0, 0, 0]) + Data("echo".utf8) + Data([0x85, 0x52, 0x2E])
        let url = try rewritten("state_dict.pt", replacing: ["state_dict/data.pkl": pickle])
        assertError(url, contains: ["state_dict/data.pkl at byte 2", "global 'os.system' is not allowed"])
    }

    func testUnknownOpcodeIsNamed() throws {
        let original = try archiveEntry("state_dict.pt", "state_dict/data.pkl")
        var pickle = original
        pickle[2] = 0x69   // INST, a protocol-0 class instantiation
        let url = try rewritten("state_dict.pt", replacing: ["state_dict/data.pkl": pickle])
        assertError(url, contains: ["at byte 2", "opcode 0x69 ('i') is not allowed"])
    }

    func testShortAndMissingStorages() throws {
        let short = try rewritten("scripted.pt", replacing: ["scripted/data/0": Data(count: 8)])
        assertError(short, contains: ["scripted/data/0", "storage holds 8 bytes"])
        let missing = try rewritten("scripted.pt", replacing: ["scripted/data/7": nil])
        assertError(missing, contains: ["scripted/data/7", "missing"])
    }

    func testTensorPastItsStorageIsRefused() throws {
        // Declare every storage one element long: the tensors now read past their storage's end.
        let original = try archiveEntry("state_dict.pt", "state_dict/data.pkl")
        var pickle = original
        let marker = Data("cpu".utf8)
        var search = pickle.startIndex
        while let range = pickle.range(of: marker, in: search..<pickle.endIndex) {
            // BINUNICODE 'cpu' (possibly memoised) is followed by the element count as BININT1 ('K') or BININT2 ('M').
            var index = range.upperBound
            if pickle[index] == 0x71 { index += 2 }
            if pickle[index] == 0x4B { pickle[index + 1] = 1 }
            if pickle[index] == 0x4D { pickle[index + 1] = 1; pickle[index + 2] = 0 }
            search = range.upperBound
        }
        let url = try rewritten("state_dict.pt", replacing: ["state_dict/data.pkl": pickle])
        assertError(url, contains: ["past the storage"])
    }

    private func archiveEntry(_ source: String, _ path: String) throws -> Data {
        let archive = try Archive(url: Fixtures.url("pytorch_archive/\(source).fixture"), accessMode: .read)
        var data = Data()
        _ = try archive.extract(try XCTUnwrap(archive[path])) { data.append($0) }
        return data
    }
}
