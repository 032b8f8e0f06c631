import Foundation
import XCTest
@testable import FlowSupport

final class AtomicFileTests: XCTestCase {
    func testWriteCreatesThenReplacesAndLeavesNoTemporary() throws {
        let folder = try makeSupportTestFolder(self)
        let target = folder.appendingPathComponent("resolved.yaml")
        try AtomicFile.write("first\n", to: target)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "first\n")
        try AtomicFile.write(Data("second\n".utf8), to: target)
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "second\n")
        XCTAssertEqual(try supportTestListing(folder), ["resolved.yaml"])
    }

    func testCrashBetweenTemporaryWriteAndRenameKeepsOldFile() throws {
        let folder = try makeSupportTestFolder(self)
        let target = folder.appendingPathComponent("checkpoint.h5")
        try AtomicFile.write("old contents", to: target)

        var temporarySeen: URL?
        XCTAssertThrowsError(try AtomicFile.write(to: target, beforeRename: { temporaryURL in
            // At the crash point the new bytes are complete on disk, next to the untouched old file.
            temporarySeen = temporaryURL
            XCTAssertEqual(try String(contentsOf: temporaryURL, encoding: .utf8), "new contents")
            XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old contents")
            throw InjectedFailure()
        }, using: { temporaryURL in
            try Data("new contents".utf8).write(to: temporaryURL)
        })) { error in
            XCTAssertTrue(error is InjectedFailure)
        }

        XCTAssertNotNil(temporarySeen)
        XCTAssertEqual(temporarySeen?.deletingLastPathComponent().standardizedFileURL, folder.standardizedFileURL, "temporary must be a sibling")
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old contents")
        XCTAssertEqual(try supportTestListing(folder), ["checkpoint.h5"], "no temporary file may remain")
    }

    func testFailingWriterKeepsOldFileAndRemovesPartialTemporary() throws {
        let folder = try makeSupportTestFolder(self)
        let target = folder.appendingPathComponent("metrics.h5")
        try AtomicFile.write("old", to: target)
        XCTAssertThrowsError(try AtomicFile.write(to: target) { temporaryURL in
            try Data("half-writ".utf8).write(to: temporaryURL)
            throw InjectedFailure()
        })
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "old")
        XCTAssertEqual(try supportTestListing(folder), ["metrics.h5"])
    }

    func testWriterThatProducesNoFileIsAnError() throws {
        let folder = try makeSupportTestFolder(self)
        let target = folder.appendingPathComponent("samples.h5")
        XCTAssertThrowsError(try AtomicFile.write(to: target) { _ in }) { error in
            XCTAssertTrue("\(error)".contains("produced no file"), "\(error)")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: target.path))
    }
}

/// A fresh temporary folder, removed after the test.
func makeSupportTestFolder(_ testCase: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("flowsupport-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    testCase.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// The names in `directory`, sorted, including hidden ones.
func supportTestListing(_ directory: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
}

/// A simple error for injected failures.
struct InjectedFailure: Error {}
