import FlowData
import Foundation
import XCTest
@testable import FlowLab

/// Real `shapes` renders and the inputs and contexts the evaluator suite tests hand to suites.
enum EvaluatorSuiteTestSupport {
    /// Images `range` of `split`: pixels `[N, S, S, 3]`, true scenes and the five captions of each.
    struct Renders {
        var pixels: [UInt8]
        var scenes: [ShapeScene]
        var captions: [[String]]
        var imageSize: Int

        /// The same images with their scenes and captions moved one down (image i gets those of image i + 1).
        var shuffledScenes: [ShapeScene] { Array(scenes[1...] + scenes[..<1]) }
    }

    static func renders(_ configuration: ShapesConfiguration, _ split: ShapesSplit, _ range: Range<Int>) -> Renders {
        let generator = ShapesGenerator(configuration: configuration, split: split)
        let records = range.map(generator.record(at:))
        return Renders(pixels: records.flatMap(\.pixels), scenes: records.map { ShapeScene(annotations: $0.objects)! },
                       captions: records.map(\.captions), imageSize: configuration.imageSize)
    }

    /// A configuration's input: `images` generated for `prompts` (scenes, whose first caption is the text prompt),
    /// scored against `reference`.
    static func input(_ configuration: String = "cfg_w1", images: [UInt8]?, prompts: [ShapeScene]?, captions: [String]? = nil,
                      reference: Renders, shapes: ShapesConfiguration? = nil) -> EvaluationInput {
        EvaluationInput(configuration: configuration, imageSize: reference.imageSize, images: images, captions: captions,
                        prompts: prompts?.map { ShapeCaptionGrammar.caption(ShapeCaptionGrammar.templates(objectCount: $0.objects.count)[0],
                                                                              objects: $0.objects) },
                        promptScenes: prompts, referenceImages: reference.pixels, referenceCaptions: reference.captions,
                        referenceScenes: reference.scenes, shapes: shapes)
    }

    /// A context with the stage cache at `stages` (a fresh temporary folder by default) whose log and progress lines go
    /// to `lines`.
    static func context(shapes: ShapesConfiguration?, stages: StageCache? = nil, lines: RecordedLines = RecordedLines(),
                        stop: StopSignal? = nil) -> EvaluationContext {
        let cache = stages ?? StageCache(root: FileManager.default.temporaryDirectory.appendingPathComponent("stages-\(UUID().uuidString)"))
        return EvaluationContext(stages: cache, log: { lines.append($0) },
                                 progress: ProgressReporter(mode: .plain(every: 1), sink: { lines.append($0) }), stop: stop,
                                 threads: 2, shapes: shapes)
    }

    /// The value of metric `name`, failing the test when it is absent.
    static func value(_ metrics: [MetricValue]?, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
        try XCTUnwrap(XCTUnwrap(metrics, file: file, line: line).first { $0.name == name }, "no metric \(name)", file: file, line: line).value
    }

    /// Runs `body`, failing unless it throws an error whose text starts with `prefix` and is one line.
    static func assertSuiteError(_ body: @autoclosure () throws -> Any?, startsWith prefix: String,
                                 file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertTrue("\(error)".hasPrefix(prefix), "\(error)", file: file, line: line)
            XCTAssertFalse("\(error)".contains("\n"), "\(error)", file: file, line: line)
        }
    }
}
