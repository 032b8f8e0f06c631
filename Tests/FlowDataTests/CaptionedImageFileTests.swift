import FlowData
import FlowHDF5
import Foundation
import XCTest

/// The captioned-image container: round trip through chunked appends, range reads, layout checks, atomicity.
final class CaptionedImageFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("captioned-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// A record whose pixels and captions depend on `index`, with 0, 1 or 2 objects.
    private func record(_ index: Int, size: Int) -> CaptionedImageRecord {
        let pixels = (0..<(size * size * 3)).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ index &* 31) }
        let captions = (0..<(index % 6)).map { "caption \($0) of image \(index) é" }
        let objects = (0..<(index % 3)).map { ObjectAnnotation(shape: index % 4, color: $0, size: 1, cell: (index + $0) % 9) }
        return CaptionedImageRecord(pixels: pixels, captions: Array(captions.prefix(5)), objects: objects)
    }

    func testRoundTripAcrossChunksAndRangeReads() throws {
        let url = folder.appendingPathComponent("data.h5")
        let records = (0..<23).map { record($0, size: 4) }
        try CaptionedImageFileWriter.write(to: url, imageSize: 4, maximumObjects: 2,
                                           attributes: ["split": .string("val"), "color_names": .strings(["red", "green"])],
                                           chunkRows: 5) { writer in
            for record in records { try writer.append(record) }
            XCTAssertEqual(writer.count, 23)
        }
        let reader = try CaptionedImageFileReader(url: url)
        XCTAssertEqual(reader.count, 23)
        XCTAssertEqual(reader.imageSize, 4)
        XCTAssertEqual(reader.maximumObjects, 2)
        XCTAssertEqual(reader.attributes["split"], .string("val"))
        XCTAssertEqual(reader.attributes["image_size"], .int(4))
        XCTAssertEqual(try reader.stringListAttribute("color_names"), ["red", "green"])
        XCTAssertEqual(try reader.records(0..<23), records)
        XCTAssertEqual(try reader.records(7..<13), Array(records[7..<13]))
        XCTAssertEqual(try reader.captionSlots(5..<6), [records[5].captions])
        XCTAssertEqual(try reader.captionSlots(1..<2), [[records[1].captions[0], "", "", "", ""]])
        XCTAssertEqual(try reader.records(23..<23), [])
        XCTAssertThrowsError(try reader.images(20..<24)) { error in
            XCTAssertTrue("\(error)".contains("outside the 23 images"), "\(error)")
        }
        let file = try HDF5File.open(url)
        XCTAssertEqual(try file.datasetInfo("/images").chunkShape, [5, 4, 4, 3])
        XCTAssertEqual(try file.read("/objects/cell", as: Int32.self).shape, [23, 2])
        XCTAssertEqual(try file.read("/objects/shape", as: Int32.self).values.prefix(2), [-1, -1])
    }

    func testFileWithoutObjectsReadsEmptyScenes() throws {
        let url = folder.appendingPathComponent("plain.h5")
        try CaptionedImageFileWriter.write(to: url, imageSize: 2) { writer in
            try writer.append(CaptionedImageRecord(pixels: Array(repeating: 9, count: 12), captions: ["one"]))
        }
        let reader = try CaptionedImageFileReader(url: url)
        XCTAssertNil(reader.maximumObjects)
        XCTAssertEqual(try reader.records(0..<1), [CaptionedImageRecord(pixels: Array(repeating: 9, count: 12), captions: ["one"])])
    }

    func testBadRecordLeavesNoFile() throws {
        let url = folder.appendingPathComponent("bad.h5")
        XCTAssertThrowsError(try CaptionedImageFileWriter.write(to: url, imageSize: 2, chunkRows: 1) { writer in
            try writer.append(CaptionedImageRecord(pixels: Array(repeating: 0, count: 12), captions: []))
            try writer.append(CaptionedImageRecord(pixels: Array(repeating: 0, count: 11), captions: []))
        }) { error in
            XCTAssertTrue("\(error)".contains("record 1"), "\(error)")
            XCTAssertTrue("\(error)".contains("11 bytes"), "\(error)")
        }
        XCTAssertThrowsError(try CaptionedImageFileWriter.write(to: url, imageSize: 2) { writer in
            try writer.append(CaptionedImageRecord(pixels: Array(repeating: 0, count: 12), captions: Array(repeating: "x", count: 6)))
        })
        XCTAssertThrowsError(try CaptionedImageFileWriter.write(to: url, imageSize: 0) { _ in })
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [])
    }

    func testReaderRejectsForeignLayout() throws {
        let url = folder.appendingPathComponent("foreign.h5")
        try HDF5File.writeAtomically(to: url) { file in
            try file.write([UInt8](repeating: 0, count: 2 * 4 * 4 * 3), shape: [2, 4, 4, 3], to: "/images")
            try file.writeStrings(["a", "b"], to: "/captions")
        }
        XCTAssertThrowsError(try CaptionedImageFileReader(url: url)) { error in
            XCTAssertTrue("\(error)".contains("/captions"), "\(error)")
            XCTAssertTrue("\(error)".contains("foreign.h5"), "\(error)")
        }
        let missing = folder.appendingPathComponent("missing.h5")
        XCTAssertThrowsError(try CaptionedImageFileReader(url: missing)) { error in
            XCTAssertTrue("\(error)".contains("missing.h5"), "\(error)")
        }
    }
}
