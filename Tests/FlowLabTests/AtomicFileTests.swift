import Foundation
import XCTest
@testable import FlowLab

final class AtomicFileTests: XCTestCase {
    func testWriteCreatesThenReplacesAndLeavesNoTemporary() throws {
        let folder = try makeRunTestFolder(self)
        let target = folder.appendingPathComponent("resolved.yaml")
        try AtomicFile.write("first\n", to: target)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "first\n")
        try AtomicFile.write(Data("second\n".utf8), to: target)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "second\n")
        XCTAssertEqual(try runTestListing(folder), ["resolved.yaml"])
    }

    func testCrashBetweenTemporaryWriteAndRenameKeepsOldFile() throws {
        let folder = try makeRunTestFolder(self)
        let target = folder.appendingPathComponent("checkpoint.h5")
        try AtomicFile.write("old contents", to: target)

        var temporarySeen: URL?
        XCTAssertThrowsError(try AtomicFile.write(to: target, beforeRename: { temporaryURL in
            // At the crash point the new bytes are complete on disk, next to the untouched old file.
            temporarySeen = temporaryURL
            XCTAssertEqual(try String(contentsOf: temporaryURL, encoding: .utf8), "new contents")
            XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old contents")
            throw RunTestInjectedFailure()
        }, using: { temporaryURL in
            try Data("new contents".utf8).write(to: temporaryURL)
        })) { error in
            XCTAssertTrue(error is RunTestInjectedFailure)
        }

        XCTAssertNotNil(temporarySeen)
        XCTAssertEqual(temporarySeen?.deletingLastPathComponent().standardizedFileURL, folder.standardizedFileURL, "temporary must be a sibling")
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old contents")
        XCTAssertEqual(try runTestListing(folder), ["checkpoint.h5"], "no temporary file may remain")
    }

    func testFailingWriterKeepsOldFileAndRemovesPartialTemporary() throws {
        let folder = try makeRunTestFolder(self)
        let target = folder.appendingPathComponent("metrics.h5")
        try AtomicFile.write("old", to: target)
        XCTAssertThrowsError(try AtomicFile.write(to: target) { temporaryURL in
            try Data("half-writ".utf8).write(to: temporaryURL)
            throw RunTestInjectedFailure()
        })
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old")
        XCTAssertEqual(try runTestListing(folder), ["metrics.h5"])
    }

    func testWriterThatProducesNoFileIsAnError() throws {
        let folder = try makeRunTestFolder(self)
        let target = folder.appendingPathComponent("samples.h5")
        XCTAssertThrowsError(try AtomicFile.write(to: target) { _ in }) { error in
            XCTAssertTrue("\(error)".contains("produced no file"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
    }

    func testSHA256KnownAnswers() {
        // FIPS 180-4 examples.
        XCTAssertEqual(SHA256.hexDigest(of: ""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hexDigest(of: "abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hexDigest(of: "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}
