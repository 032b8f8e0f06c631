import FlowData
import FlowTensor
import XCTest

/// The caption grammar and its parser: every template round-trips, every generated caption parses to its scene, bad captions fail.
final class ShapesCaptionTests: XCTestCase {
    /// Every one-object scene (4 shapes x 6 colours x 2 sizes x 9 cells).
    private var singleObjectScenes: [ShapeScene] {
        ShapeKind.allCases.flatMap { shape in
            ShapeColor.allCases.flatMap { color in
                ShapeSize.allCases.flatMap { size in
                    GridCell.allCases.map { ShapeScene([ShapeObject(shape: shape, color: color, size: size, cell: $0)])! }
                }
            }
        }
    }

    func testEveryTemplateRoundTripsEveryOneObjectScene() throws {
        for scene in singleObjectScenes {
            for template in ShapeCaptionGrammar.singleObjectTemplates {
                let caption = ShapeCaptionGrammar.caption(template, objects: scene.objects)
                XCTAssertEqual(try ShapeCaptionParser.parse(caption), scene, caption)
            }
        }
    }

    func testEveryTemplateRoundTripsTwoObjectScenesInBothOrders() throws {
        var random = RandomGenerator(seed: 5, stream: "two-object scenes")
        let singles = singleObjectScenes
        var checked = 0
        while checked < 400 {
            let pair = random.integers(2, below: singles.count)
            guard let scene = ShapeScene([singles[pair[0]].objects[0], singles[pair[1]].objects[0]]) else { continue }
            for template in ShapeCaptionGrammar.twoObjectTemplates {
                for objects in [scene.objects, scene.objects.reversed()] {
                    let caption = ShapeCaptionGrammar.caption(template, objects: objects)
                    XCTAssertEqual(try ShapeCaptionParser.parse(caption), scene, caption)
                }
            }
            checked += 1
        }
    }

    func testGeneratedCaptionsAreFiveDifferentParaphrasesThatParseToTheStoredScene() throws {
        let configuration = try ShapesConfiguration(imageSize: 16, objectCounts: [1, 2], seed: 4)
        let generator = ShapesGenerator(configuration: configuration, split: .train)
        for index in 0..<200 {
            let example = generator.example(at: index)
            XCTAssertEqual(example.captions.count, 5)
            XCTAssertEqual(Set(example.captions).count, 5, "\(example.captions)")
            for caption in example.captions {
                XCTAssertEqual(try ShapeCaptionParser.parse(caption), example.scene, caption)
                for object in example.scene.objects {
                    for word in [object.shape.rawValue, object.color.rawValue, object.size.rawValue] {
                        XCTAssertTrue(CaptionWords.split(caption).contains(word), "'\(caption)' names \(word)")
                    }
                }
            }
        }
    }

    func testExamplesReadLikeTheIssue() throws {
        let object = ShapeObject(shape: .circle, color: .red, size: .small, cell: .topLeft)
        let captions = ShapeCaptionGrammar.singleObjectTemplates.map { ShapeCaptionGrammar.caption($0, objects: [object]) }
        XCTAssertTrue(captions.contains("a small red circle in the top left"))
        XCTAssertTrue(captions.contains("top left: a small red circle"))
        XCTAssertTrue(captions.contains("there is a red circle, small, in the top left"))
        let orange = ShapeObject(shape: .square, color: .orange, size: .large, cell: .right)
        let relation = ShapeCaptionGrammar.caption(ShapeCaptionGrammar.twoObjectTemplates[1], objects: [object, orange])
        XCTAssertEqual(relation, "a small red circle in the top left, to the left of a large orange square on the right")
        XCTAssertEqual(ShapeCaptionParser.scene(from: "  A SMALL RED CIRCLE in the top   left "), ShapeScene([object]))
    }

    func testUngrammaticalCaptionsAreRejected() {
        for caption in ["", "a red thing", "a small red circle in the top left and", "a small red circle in the middle",
                        "a small red circle in the top left and a large blue square in the top left",
                        "a small red circle on the left, to the right of a large blue square on the right",
                        "a small small circle in the center", "a big red circle in the center"] {
            XCTAssertNil(ShapeCaptionParser.scene(from: caption), caption)
        }
        XCTAssertThrowsError(try ShapeCaptionParser.parse("a red thing")) { error in
            XCTAssertTrue("\(error)".contains("not grammatical"), "\(error)")
            XCTAssertTrue("\(error)".contains("'a red thing'"), "\(error)")
        }
    }
}
