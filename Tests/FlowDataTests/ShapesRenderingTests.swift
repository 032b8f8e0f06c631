import FlowData
import FlowTensor
import Foundation
import XCTest

/// The shapes renderer and generator: deterministic bytes (pinned), thread independence, colours and outlines where they belong.
final class ShapesRenderingTests: XCTestCase {
    /// FNV-1a 64 over pixels, captions and objects of `records`: a checksum with no library behind it.
    private func checksum(_ records: [CaptionedImageRecord]) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func add<S: Sequence<UInt8>>(_ bytes: S) {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        }
        for record in records {
            add(record.pixels)
            for caption in record.captions { add(caption.utf8); add([0]) }
            for object in record.objects { add([UInt8(object.shape), UInt8(object.color), UInt8(object.size), UInt8(object.cell)]) }
        }
        return hash
    }

    func testSameSeedSameBytesAndPinnedChecksum() throws {
        let configuration = try ShapesConfiguration(imageSize: 32, objectCounts: [1, 2], imbalance: 1,
                                                    holdout: [ShapeComposition(color: .blue, shape: .triangle)], seed: 11)
        let first = ShapesGenerator(configuration: configuration, split: .train).records(0..<24)
        let again = (0..<24).map(ShapesGenerator(configuration: configuration, split: .train).record(at:))
        XCTAssertEqual(first, again, "parallel and serial rendering must give the same bytes")
        // Pinned: a change here means every rendered data set changes; bump `generator_version` when it is intended.
        XCTAssertEqual(checksum(first), 7_059_715_369_386_091_725, "checksum \(checksum(first))")
        let otherSeed = try ShapesConfiguration(imageSize: 32, objectCounts: [1, 2], imbalance: 1,
                                                holdout: [ShapeComposition(color: .blue, shape: .triangle)], seed: 12)
        XCTAssertNotEqual(ShapesGenerator(configuration: otherSeed, split: .train).records(0..<24), first)
        for size in [16, 64] {
            let generator = ShapesGenerator(configuration: try ShapesConfiguration(imageSize: size, seed: 3), split: .val)
            XCTAssertEqual(generator.record(at: 5), generator.record(at: 5))
            XCTAssertEqual(generator.record(at: 5).pixels.count, size * size * 3)
        }
    }

    func testObjectCentresHaveTheirColourAndCornersTheBackground() throws {
        for size in ShapeRenderer.supportedSizes {
            let renderer = try ShapeRenderer(imageSize: size)
            for composition in ShapeComposition.all {
                for cell in GridCell.allCases {
                    let scene = try XCTUnwrap(ShapeScene([ShapeObject(shape: composition.shape, color: composition.color,
                                                                      size: .large, cell: cell)]))
                    let pixels = renderer.render(scene, variation: .none(objectCount: 1))
                    let cellSide = Double(size) / 3
                    let x = Int((Double(cell.column) + 0.5) * cellSide), y = Int((Double(cell.row) + 0.5) * cellSide)
                    let rgb = composition.color.rgb
                    let offset = (y * size + x) * 3
                    XCTAssertEqual(Array(pixels[offset..<(offset + 3)]), [rgb.red, rgb.green, rgb.blue], "\(composition) \(cell) \(size)")
                    let cornerX = cell.column == 0 ? size - 1 : 0, cornerY = cell.row == 0 ? size - 1 : 0
                    let corner = (cornerY * size + cornerX) * 3
                    XCTAssertEqual(pixels[corner], pixels[corner + 1], "the far corner is background grey")
                }
            }
        }
    }

    func testOutlinesDifferAndAntiAliasingBlends() throws {
        let renderer = try ShapeRenderer(imageSize: 64)
        var coverage: [ShapeKind: Int] = [:]
        var pictures: Set<[UInt8]> = []
        for shape in ShapeKind.allCases {
            let scene = try XCTUnwrap(ShapeScene([ShapeObject(shape: shape, color: .red, size: .large, cell: .center)]))
            let pixels = renderer.render(scene, variation: .none(objectCount: 1))
            pictures.insert(pixels)
            let background = pixels[0]
            let reds = stride(from: 0, to: pixels.count, by: 3).map { pixels[$0] }
            coverage[shape] = reds.filter { $0 == 228 }.count
            XCTAssertTrue(reds.contains { $0 > background && $0 < 228 }, "\(shape) has blended edge pixels")
            // The bounding box corners of the object tell the outlines apart.
            let corner = Int(32 - 0.8 * 0.40 * 64 / 3)  // inside the square's corner, outside circle, diamond and triangle tips
            let offset = (corner * 64 + corner) * 3
            XCTAssertEqual(pixels[offset] == 228, shape == .square, "\(shape) at the upper-left corner")
        }
        XCTAssertEqual(pictures.count, 4)
        XCTAssertGreaterThan(coverage[.square]!, coverage[.circle]! / 2)
        let small = renderer.render(ShapeScene([ShapeObject(shape: .circle, color: .red, size: .small, cell: .center)])!,
                                    variation: .none(objectCount: 1))
        XCTAssertLessThan(stride(from: 0, to: small.count, by: 3).filter { small[$0] == 228 }.count, coverage[.circle]! / 2)
    }

    func testBadSettingsAreClearErrors() {
        for size in [0, 100_000, 33] {
            XCTAssertThrowsError(try ShapesConfiguration(imageSize: size)) { error in
                XCTAssertTrue("\(error)".contains("image size \(size) is not supported"), "\(error)")
            }
        }
        XCTAssertThrowsError(try ShapesConfiguration(objectCounts: [3])) { XCTAssertTrue("\($0)".contains("objects"), "\($0)") }
        XCTAssertThrowsError(try ShapesConfiguration(imbalance: -1)) { XCTAssertTrue("\($0)".contains("imbalance"), "\($0)") }
        XCTAssertThrowsError(try ShapeComposition(parsing: "teal:circle")) { XCTAssertTrue("\($0)".contains("unknown colour 'teal'"), "\($0)") }
        XCTAssertThrowsError(try ShapeComposition(parsing: "red:blob")) { XCTAssertTrue("\($0)".contains("unknown shape 'blob'"), "\($0)") }
        XCTAssertThrowsError(try ShapeComposition(parsing: "red")) { XCTAssertTrue("\($0)".contains("colour:shape"), "\($0)") }
        XCTAssertThrowsError(try ShapesConfiguration(holdout: ShapeComposition.all))
    }

    func testDecodedSettingsAreCheckedToo() throws {
        let decoder = JSONDecoder()
        let decoded = try decoder.decode(ShapesConfiguration.self,
                                         from: Data(#"{"size": 16, "objects": [1, 2], "holdout": ["blue:triangle"], "seed": 3}"#.utf8))
        XCTAssertEqual(decoded, try ShapesConfiguration(imageSize: 16, objectCounts: [1, 2],
                                                        holdout: [ShapeComposition(color: .blue, shape: .triangle)], seed: 3))
        XCTAssertEqual(try decoder.decode(ShapesConfiguration.self, from: JSONEncoder().encode(decoded)), decoded)
        XCTAssertThrowsError(try decoder.decode(ShapesConfiguration.self, from: Data(#"{"size": 100000}"#.utf8))) {
            XCTAssertTrue("\($0)".contains("image size 100000"), "\($0)")
        }
        XCTAssertThrowsError(try decoder.decode(ShapesConfiguration.self, from: Data(#"{"holdout": ["teal:circle"]}"#.utf8)))
    }
}
