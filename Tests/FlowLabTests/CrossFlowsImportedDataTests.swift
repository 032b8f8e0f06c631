import FlowData
import FlowHDF5
import FlowMetrics
import FlowNN
import Foundation
import XCTest
@testable import FlowLab

/// `Experiments/crossflows-small.yaml`'s joint model trained on captioned images from files (`data: {name: hdf5,
/// train, test, vocabulary: corpus}`: the layout `flowlab data import coco|folder` writes; here rendered shapes files,
/// so that the run is small and the content known) instead of the generated `shapes` set, and scored as real data
/// allows: Inception FID for text to image, BLEU, ROUGE-L and CIDEr for image to text. The caption flow must have
/// learned the captions' language from the corpus vocabulary (half the generated captions parse as shapes captions, which
/// random words never do) and describe its own image better than another's (CIDEr against each image's references
/// above CIDEr against the next image's). How well the rows learn is asserted on `shapes` (CrossFlowsExperimentTests).
/// Measured (800 steps, 100 caption steps, 2 threads, 61-95 s): 0.52 of the captions parse, CIDEr 0.93 against 0.75
/// shifted.
final class CrossFlowsImportedDataTests: XCTestCase {
    func testJointModelTrainsOnCaptionedImageFiles() throws {
        try PretrainedWeightsRequirement.require(.inception)
        let flowlab = try FlowlabProcess(self)
        let train = flowlab.folder.appendingPathComponent("train.h5"), test = flowlab.folder.appendingPathComponent("test.h5")
        for (file, split, count) in [(train, "train", "2000"), (test, "test", "200")] {
            let rendered = try flowlab.run(["data", "render", "shapes", "--count", count, "--split", split, "--size", "16",
                                            "--objects", "1", "--seed", "1", "--out", file.path, "--quiet"])
            XCTAssertEqual(rendered.status, 0, rendered.standardError)
        }
        let run = flowlab.folder.appendingPathComponent("run")
        let result = try flowlab.run([
            "run", "Experiments/crossflows-small.yaml",
            "data={name: hdf5, train: \(train.path), test: \(test.path), caption_length: 16, vocabulary: corpus}",
            "train.steps=800", "eval.samples=64",
            "variants={t2i: {eval: {metrics: [inception_metrics]}}, i2t: {sample: {guidance: {name: image_to_text}, steps: 100}, eval: {metrics: [{name: caption_metrics, similarity: false}]}}}",
            "--run-dir", run.path, "--threads", "2"])
        XCTAssertEqual(result.status, 0, result.standardError)

        let metrics = try HDF5File.open(run.appendingPathComponent("metrics.h5"))
        defer { try? metrics.close() }
        let fid = try metrics.read("/eval/t2i/fid", as: Double.self).values[0]
        let reportedCIDEr = try metrics.read("/eval/i2t/cider", as: Double.self).values[0]
        XCTAssertTrue(fid.isFinite && fid > 0, "text to image is scored by Inception FID: \(fid)")

        let samples = try HDF5File.open(run.appendingPathComponent("samples.h5"))
        defer { try? samples.close() }
        let captions = try samples.readStrings("/i2t/seed_0/captions")
        let flat = try samples.readStrings("/reference/seed_0/captions")
        let perImage = flat.count / captions.count
        let references = (0..<captions.count).map { Array(flat[($0 * perImage)..<(($0 + 1) * perImage)]) }
        func cider(_ references: [[String]]) throws -> Double {
            try CaptionEvaluation.score(imageIDs: captions.indices.map { .integer($0) }, candidates: captions, references: references,
                                        includeMETEOR: false).corpusScore("CIDEr")!
        }
        let own = try cider(references)
        let shifted = try cider(Array(references.dropFirst()) + [references[0]])
        print("crossflows on captioned-image files: t2i fid \(fid); i2t CIDEr \(own) against its own image's references, \(shifted) against the next image's")
        XCTAssertEqual(own, reportedCIDEr, accuracy: 1e-9, "metrics.h5 scores the same captions against the same references")
        let grammatical = Double(captions.filter { ShapeCaptionParser.scene(from: $0) != nil }.count) / Double(captions.count)
        print("crossflows on captioned-image files: \(grammatical) of the generated captions parse")
        XCTAssertGreaterThan(grammatical, 0.3, "the caption flow must learn the captions' language")
        XCTAssertGreaterThan(own, shifted, "image to text must describe its own image better than another's")
    }
}
