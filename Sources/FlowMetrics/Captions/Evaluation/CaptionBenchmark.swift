import Foundation

/// Times the Swift caption scorers on a COCO candidates/references pair, for `make bench`.
///
/// Use the files written by `Scripts/bench/captions_bench.py` (already tokenized text, 5,000
/// images x 5 references), which also prints pycocoevalcap's time for the same inputs.
/// BLEU and CIDEr-D are timed from the tokenized strings (n-gram counting included), as the
/// Python side does; the tokenizer is timed separately.
public enum CaptionBenchmark {
    /// Wall-clock seconds of each stage, and the scores they produced (for a sanity check).
    public struct Timing: Sendable {
        public let images: Int
        public let bleuSeconds: Double
        public let ciderSeconds: Double
        public let tokenizerSeconds: Double
        public let bleu4: Double
        public let cider: Double
    }

    /// Reads the two COCO files and times BLEU-1...4, CIDEr-D and the tokenizer on them.
    public static func run(candidatesFile: String, referencesFile: String) throws -> Timing {
        let candidates = try COCOCaptionFiles.readCandidates(candidatesFile)
        var referencesByImage: [CaptionImageID: [String]] = [:]
        for entry in try COCOCaptionFiles.readReferences(referencesFile) {
            referencesByImage[entry.imageID, default: []].append(entry.caption)
        }
        let references = try candidates.map { entry -> [String] in
            guard let list = referencesByImage[entry.imageID] else {
                throw CaptionEvaluationError("image_id \(entry.imageID) in \(candidatesFile) has no references in \(referencesFile)")
            }
            return list
        }
        return run(candidates: candidates.map(\.caption), references: references)
    }

    /// Times the scorers on in-memory tokenized captions.
    public static func run(candidates: [String], references: [[String]]) -> Timing {
        let clock = ContinuousClock()
        var bleu: [CaptionScores] = []
        let bleuTime = clock.measure {
            bleu = BLEUScorer().score(candidates: candidates, references: references)
        }
        var cider = CaptionScores(corpus: .nan, perImage: [])
        let ciderTime = clock.measure {
            cider = CIDErDScorer().score(candidates: candidates, references: references)
        }
        let tokenizerTime = clock.measure {
            let tokenizer = PTBTokenizer()
            _ = tokenizer.tokenize(references.flatMap { $0 })
            _ = tokenizer.tokenize(candidates)
        }
        func seconds(_ duration: Duration) -> Double {
            Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
        }
        return Timing(images: candidates.count, bleuSeconds: seconds(bleuTime), ciderSeconds: seconds(ciderTime),
                      tokenizerSeconds: seconds(tokenizerTime), bleu4: bleu[3].corpus, cider: cider.corpus)
    }
}
