import FlowData
import FlowHDF5
import Foundation
import XCTest

/// End-to-end tests of `flowlab data render` and `flowlab data show`: the files they write and their one-line errors.
final class DataCLITests: XCTestCase {
    /// The exit status and the two output streams of one `flowlab` run.

    func testRenderWritesADeterministicShapesFileAndShowDrawsIt() throws {
        let folder = try makeRunTestFolder(self)
        let first = folder.appendingPathComponent("a.h5"), second = folder.appendingPathComponent("b.h5")
        let preview = folder.appendingPathComponent("preview.png")
        let arguments = ["data", "render", "shapes", "--count", "40", "--size", "16", "--seed", "5", "--split", "test",
                         "--objects", "1,2", "--holdout", "blue:triangle", "--imbalance", "0.5", "--quiet"]
        let result = try runFlowlab(arguments + ["--out", first.path, "--preview", preview.path])
        XCTAssertEqual(result.status, 0, result.standardError)
        XCTAssertEqual(try runFlowlab(arguments + ["--out", second.path, "--threads", "1"]).status, 0)
        XCTAssertEqual(try Data(contentsOf: first.deletingLastPathComponent().appendingPathComponent("a.h5")).count > 0, true)
        let reader = try CaptionedImageFileReader(url: first), other = try CaptionedImageFileReader(url: second)
        XCTAssertEqual(reader.count, 40)
        XCTAssertEqual(reader.imageSize, 16)
        XCTAssertEqual(reader.maximumObjects, 2)
        XCTAssertEqual(try reader.records(0..<40), try other.records(0..<40), "thread count does not change the bytes")
        XCTAssertEqual(reader.attributes["split"], .string("test"))
        XCTAssertEqual(reader.attributes["holdout"], .strings(["blue:triangle"]))
        XCTAssertEqual(try reader.stringListAttribute("shape_names"), ["circle", "square", "triangle", "diamond"])
        let configuration = try ShapesConfiguration(imageSize: 16, objectCounts: [1, 2], imbalance: 0.5,
                                                    holdout: [ShapeComposition(color: .blue, shape: .triangle)], seed: 5)
        XCTAssertEqual(try reader.records(0..<3), ShapesGenerator(configuration: configuration, split: .test).records(0..<3))
        XCTAssertEqual(try Data(contentsOf: preview).prefix(4), Data([0x89, 0x50, 0x4E, 0x47]))

        let sheet = folder.appendingPathComponent("sheet.png")
        let show = try runFlowlab(["data", "show", first.path, "--count", "12", "--columns", "4", "--out", sheet.path])
        XCTAssertEqual(show.status, 0, show.standardError)
        XCTAssertEqual(try Data(contentsOf: sheet).prefix(4), Data([0x89, 0x50, 0x4E, 0x47]))
    }

    func testBadInputIsOneErrorAndNoFile() throws {
        let folder = try makeRunTestFolder(self)
        let out = folder.appendingPathComponent("out.h5").path
        let base = ["data", "render", "shapes", "--quiet", "--out", out]
        let cases: [([String], String)] = [
            (["--size", "0"], "image size 0 is not supported by shapes; use one of 16, 32, 64"),
            (["--size", "100000"], "image size 100000 is not supported"),
            (["--count", "0"], "--count must be at least 1, got 0"),
            (["--holdout", "teal:triangle"], "unknown colour 'teal' in 'teal:triangle'"),
            (["--holdout", "blue"], "'blue' is not colour:shape"),
            (["--objects", "3"], "objects per image must be 1, 2 or both"),
            (["--split", "dev"], "--split must be train, val or test, not 'dev'"),
            (["--imbalance", "9"], "imbalance 9.0 is not in 0...4.0"),
        ]
        for (extra, message) in cases {
            let result = try runFlowlab(base + extra)
            XCTAssertNotEqual(result.status, 0, "\(extra)")
            XCTAssertTrue(result.standardError.contains(message), "\(extra): \(result.standardError)")
            XCTAssertFalse(FileManager.default.fileExists(atPath: out), "\(extra) left a file")
        }
        let unknown = try runFlowlab(["data", "render", "mnist", "--out", out])
        XCTAssertTrue(unknown.standardError.contains("unknown data set 'mnist'"), unknown.standardError)
        let noFolder = try runFlowlab(["data", "render", "shapes", "--count", "2", "--out", folder.appendingPathComponent("no/such/x.h5").path])
        XCTAssertTrue(noFolder.standardError.contains("does not exist"), noFolder.standardError)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".h5") || $0.contains(".tmp") }, [])

        let missing = try runFlowlab(["data", "show", folder.appendingPathComponent("missing.h5").path, "--out", folder.appendingPathComponent("s.png").path])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.standardError.contains("missing.h5"), missing.standardError)
        XCTAssertEqual(missing.standardError.split(separator: "\n").count, 1, missing.standardError)
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder.appendingPathComponent("s.png").path))
    }

    func testHelpShowsExamples() throws {
        let help = try runFlowlab(["data", "render", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.standardOutput.contains("flowlab data render shapes --count 20000"), help.standardOutput)
    }

    /// Runs the built `flowlab` with `arguments`; skips when it was not built.
    private func runFlowlab(_ arguments: [String]) throws -> FlowlabProcess.Result {
        try FlowlabProcess(self).run(arguments)
    }
}
