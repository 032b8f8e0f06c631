import FlowSupport
import Foundation
import XCTest
@testable import FlowLab

/// The run folder's own guards: one writer at a time, logs appended by every writer, no overwriting of a
/// folder that holds something, temporary files of killed writes removed, and file errors in words.
final class RunFolderSafetyTests: XCTestCase {
    func testTheRunLockAdmitsOneHolderAtATime() throws {
        let run = RunDirectory(url: try makeRunTestFolder(self))
        let first = try RunLock.acquire(run)
        XCTAssertThrowsError(try RunLock.acquire(run)) { error in
            XCTAssertTrue("\(error)".contains("pid \(getpid())"), "\(error)")
        }
        first.release()
        XCTAssertNoThrow(try RunLock.acquire(run).release())
    }

    func testTwoLogWritersNeverOverwriteEachOther() throws {
        let url = try makeRunTestFolder(self).appendingPathComponent("log.txt")
        let first = try RunLog(url: url), second = try RunLog(url: url)
        for index in 0..<50 {
            first.write("first \(index)")
            second.write("second \(index)")
        }
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 100)
        XCTAssertEqual(lines.filter { $0.hasSuffix(" first 49") || $0.hasSuffix(" second 49") }.count, 2)
    }

    func testRunDirRefusesAFolderThatHoldsAnything() throws {
        let folder = try makeRunTestFolder(self)
        XCTAssertNoThrow(try RunDirectory.prepare(at: folder.appendingPathComponent("new")))
        XCTAssertNoThrow(try RunDirectory.prepare(at: folder.appendingPathComponent("new")), "an empty folder is fine")
        try Data("x".utf8).write(to: folder.appendingPathComponent("samples.h5"))
        XCTAssertThrowsError(try RunDirectory.prepare(at: folder)) { XCTAssertTrue("\($0)".contains("is not empty (new, samples.h5)"), "\($0)") }
        XCTAssertThrowsError(try RunDirectory.prepare(at: folder.appendingPathComponent("samples.h5"))) {
            XCTAssertTrue("\($0)".contains("is a file, not a folder"), "\($0)")
        }
    }

    func testTemporaryFilesOfKilledWritesAreRemoved() throws {
        let run = RunDirectory(url: try makeRunTestFolder(self))
        let names = [".checkpoint.h5.tmp-9F1E2D3C-0000-0000-0000-000000000000", ".provenance.json.tmp-123-abc", "metrics.h5", ".lock"]
        for name in names { try Data("x".utf8).write(to: run.file(name)) }
        XCTAssertEqual(try run.removeStaleTemporaryFiles(), names.prefix(2).sorted())
        XCTAssertEqual(try runTestListing(run.url), [".lock", "metrics.h5"])
    }

    func testFileErrorsAreWordsNotCocoaCodes() throws {
        let folder = try makeRunTestFolder(self)
        let file = folder.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try RunDirectory.create(resultsRoot: file.appendingPathComponent("results"), experiment: "x", resolvedYAML: "")) { error in
            XCTAssertFalse("\(error)".contains("NSCocoaErrorDomain"), "\(error)")
            XCTAssertTrue("\(error)".contains("\(file.path) is a file, not a folder"), "\(error)")
        }
        XCTAssertThrowsError(try AtomicFile.write("x", to: file.appendingPathComponent("inside.txt"))) { error in
            XCTAssertFalse("\(error)".contains("NSCocoaErrorDomain"), "\(error)")
        }
        XCTAssertEqual(FileErrorText.describe(CocoaError(.fileWriteOutOfSpace)), "No space left on device")
        XCTAssertEqual(FileErrorText.describe(NSError(domain: NSCocoaErrorDomain, code: 512,
                                                      userInfo: [NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(ENOSPC))])),
                       "No space left on device")
    }

    func testTheEndOfARunIsRecordedInPlaceWhenNoNewFileFits() throws {
        let run = RunDirectory(url: try makeRunTestFolder(self))
        let provenance = Provenance(gitCommit: "abc", gitDirty: false, swiftVersion: "6", operatingSystem: "Linux", host: "h",
                                    blasThreads: 1, threads: 1, commandLine: ["flowlab"], workingDirectory: "/", startTime: Date())
        try run.writeProvenance(provenance)
        var ended = provenance
        ended.status = .failed
        try InPlaceFile.overwrite(run.provenanceURL, with: try ended.jsonData())
        XCTAssertEqual(try run.readProvenance().status, .failed)
    }
}
