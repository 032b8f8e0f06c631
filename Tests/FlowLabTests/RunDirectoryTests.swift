import FlowSupport
import Foundation
import XCTest
@testable import FlowLab

final class RunDirectoryTests: XCTestCase {
    private let utc = TimeZone(identifier: "UTC")!
    private let fixedDate = Date(timeIntervalSince1970: 1_735_732_800) // 2025-01-01 12:00:00 UTC
    private let yaml = "experiment: modecollapse\nseeds: [0]\n"

    func testRunIDIsTimestampPlusHashOfResolvedYAML() throws {
        let root = try makeRunTestFolder(self)
        let run = try RunDirectory.create(resultsRoot: root, experiment: "modecollapse", resolvedYAML: yaml, date: fixedDate, timeZone: utc)
        let expectedHash = String(SHA256Digest.hex(of: yaml).prefix(6))
        XCTAssertEqual(run.runID, "20250101-120000-\(expectedHash)")
        XCTAssertEqual(run.url.deletingLastPathComponent().lastPathComponent, "modecollapse")
        XCTAssertEqual(run.url.deletingLastPathComponent().deletingLastPathComponent().standardizedFileURL, root.standardizedFileURL)
    }

    func testSameSecondSameConfigNeverCollides() throws {
        let root = try makeRunTestFolder(self)
        let ids = try (0..<3).map { _ in
            try RunDirectory.create(resultsRoot: root, experiment: "x", resolvedYAML: yaml, date: fixedDate, timeZone: utc).runID
        }
        let base = ids[0]
        XCTAssertEqual(ids, [base, base + "-2", base + "-3"])
        let other = try RunDirectory.create(resultsRoot: root, experiment: "x", resolvedYAML: yaml + "# changed\n", date: fixedDate, timeZone: utc)
        XCTAssertNotEqual(other.runID.suffix(6), base.suffix(6), "a different config gives a different hash")
    }

    func testConcurrentCreationGivesDistinctFolders() throws {
        let root = try makeRunTestFolder(self)
        let results = ConcurrentResults()
        let yaml = self.yaml, date = fixedDate, utc = self.utc
        DispatchQueue.concurrentPerform(iterations: 16) { _ in
            if let run = try? RunDirectory.create(resultsRoot: root, experiment: "race", resolvedYAML: yaml, date: date, timeZone: utc) {
                results.append(run.runID)
            }
        }
        XCTAssertEqual(results.values.count, 16)
        XCTAssertEqual(Set(results.values).count, 16)
    }

    func testRunFolderContentsRoundTrip() throws {
        let root = try makeRunTestFolder(self)
        let specFolder = try makeRunTestFolder(self)
        let run = try RunDirectory.create(resultsRoot: root, experiment: "modecollapse", resolvedYAML: yaml)
        let overrides = ["train.steps=2000", "model={hidden: 64, name: \"mlp\"}", "sample.solver=euler"]
        try run.writeResolvedSpec(yaml)
        try run.writeOverrides(overrides)
        let provenance = Provenance.collect(specURL: specFolder.appendingPathComponent("x.yaml"), blasThreads: 1, threads: 2,
                                            commandLine: ["flowlab", "run", "x.yaml"], startTime: fixedDate)
        try run.writeProvenance(provenance)
        let log = try run.openLog()
        log.write("step 1: loss 0.5")
        log.write("step 2: loss 0.4")

        XCTAssertEqual(try runTestListing(run.url), ["log.txt", "overrides.yaml", "provenance.json", "resolved.yaml"])
        XCTAssertEqual(try run.readResolvedSpec(), yaml)
        XCTAssertEqual(try run.readOverrides(), overrides)
        let logLines = try String(contentsOf: run.logURL, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(logLines.count, 2)
        XCTAssertTrue(logLines[1].hasSuffix(" step 2: loss 0.4"))

        let reread = try run.readProvenance()
        XCTAssertEqual(reread, provenance)
        XCTAssertEqual(reread.gitCommit, "unknown", "a temporary folder is not in a git repository")
        XCTAssertNil(reread.gitDirty)
        XCTAssertEqual(reread.commandLine, ["flowlab", "run", "x.yaml"])
        XCTAssertEqual(reread.status, .running)
        XCTAssertFalse(reread.operatingSystem.isEmpty)
        XCTAssertFalse(reread.swiftVersion.isEmpty)

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: run.provenanceURL)) as? [String: Any]
        for key in ["git_commit", "swift_version", "os", "host", "blas_threads", "threads", "command_line", "start_time"] {
            XCTAssertNotNil(json?[key], "provenance.json lacks \(key)")
        }

        try run.recordEnd(at: fixedDate.addingTimeInterval(90), status: .completed)
        let finished = try run.readProvenance()
        XCTAssertEqual(finished.endTime, fixedDate.addingTimeInterval(90))
        XCTAssertEqual(finished.status, .completed)
        XCTAssertEqual(finished.startTime, fixedDate)
    }

    func testEmptyOverridesRoundTrip() throws {
        let root = try makeRunTestFolder(self)
        let run = try RunDirectory.prepare(at: root.appendingPathComponent("sweep-1/0"))
        try run.writeOverrides([])
        XCTAssertEqual(try run.readOverrides(), [])
    }

    func testGitStateOfThisRepository() throws {
        // This source file lives in a git checkout, so the commit must be a 40-hex SHA.
        let sourceFile = URL(fileURLWithPath: #filePath)
        let provenance = Provenance.collect(specURL: sourceFile, blasThreads: 1, threads: 1)
        guard provenance.gitCommit != "unknown" else { throw XCTSkip("tests are not running from a git checkout") }
        XCTAssertEqual(provenance.gitCommit.count, 40)
        XCTAssertTrue(provenance.gitCommit.allSatisfy(\.isHexDigit))
        XCTAssertNotNil(provenance.gitDirty)
    }

    func testPrepareRefusesAnExistingRunAndOpenRequiresOne() throws {
        let root = try makeRunTestFolder(self)
        let folder = root.appendingPathComponent("job")
        let run = try RunDirectory.prepare(at: folder)
        XCTAssertThrowsError(try RunDirectory.open(folder)) { XCTAssertTrue("\($0)".contains("no resolved.yaml"), "\($0)") }
        try run.writeResolvedSpec(yaml)
        XCTAssertEqual(try RunDirectory.open(folder), run)
        XCTAssertThrowsError(try RunDirectory.prepare(at: folder)) { XCTAssertTrue("\($0)".contains("--resume"), "\($0)") }
        XCTAssertThrowsError(try RunDirectory.open(root.appendingPathComponent("missing"))) {
            XCTAssertTrue("\($0)".contains("no such run directory"), "\($0)")
        }
    }
}

/// Collects strings from several threads.
final class ConcurrentResults: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []
    func append(_ value: String) { lock.lock(); storage.append(value); lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
