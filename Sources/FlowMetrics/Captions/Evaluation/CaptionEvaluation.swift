import Foundation

/// Evaluates candidate captions against references like pycocoevalcap's `COCOEvalCap`.
///
/// Reads a COCO results file (`[{"image_id", "caption"}]`) and a COCO annotations file
/// (`{"annotations": [{"image_id", "caption"}, ...]}`), tokenizes both with ``PTBTokenizer``,
/// and scores the images of the results file with Bleu_1...4, METEOR (when Java and the jar are
/// available), ROUGE_L and CIDEr. References of images without a candidate are ignored, as in
/// pycocoevalcap; a candidate without references is an error.
///
/// ```swift
/// let result = try CaptionEvaluation(candidatesFile: "results.json",
///                                    referencesFile: "captions_val2014.json").run()
/// print(result.jsonString())                       // {"Bleu_1": 0.7, ..., "CIDEr": 0.9}
/// if let note = result.meteorUnavailable { FileHandle.standardError.write(Data((note + "\n").utf8)) }
/// try result.writePerImageJSON(to: URL(fileURLWithPath: "per_image.json"))
/// ```
public struct CaptionEvaluation: Sendable {
    /// Path of the COCO results file with the candidate captions.
    public let candidatesFile: String
    /// Path of the COCO annotations file with the reference captions.
    public let referencesFile: String
    /// Path of `meteor-1.5.jar`; `nil` searches `FLOWLAB_METEOR_JAR`, then pycocoevalcap.
    public let meteorJar: String?
    /// Whether to try METEOR at all.
    public let includeMETEOR: Bool

    /// Creates an evaluation of `candidatesFile` against `referencesFile`.
    public init(candidatesFile: String, referencesFile: String, meteorJar: String? = nil, includeMETEOR: Bool = true) {
        self.candidatesFile = candidatesFile
        self.referencesFile = referencesFile
        self.meteorJar = meteorJar
        self.includeMETEOR = includeMETEOR
    }

    /// Reads, tokenizes and scores; throws ``CaptionEvaluationError`` for bad inputs.
    public func run() throws -> CaptionEvaluationResult {
        let candidates = try COCOCaptionFiles.readCandidates(candidatesFile)
        let referenceEntries = try COCOCaptionFiles.readReferences(referencesFile)
        var referencesByImage: [CaptionImageID: [String]] = [:]
        for entry in referenceEntries { referencesByImage[entry.imageID, default: []].append(entry.caption) }
        let missing = candidates.filter { referencesByImage[$0.imageID] == nil }.map(\.imageID)
        if !missing.isEmpty {
            let shown = missing.prefix(5).map(\.description).joined(separator: ", ")
            throw CaptionEvaluationError(
                "\(missing.count) image id(s) in \(candidatesFile) have no reference captions in \(referencesFile): \(shown)\(missing.count > 5 ? ", ..." : "")")
        }
        let imageIDs = candidates.map(\.imageID)
        let rawReferences = imageIDs.map { referencesByImage[$0]! }
        return try Self.score(imageIDs: imageIDs, candidates: candidates.map(\.caption), references: rawReferences,
                              meteorJar: meteorJar, includeMETEOR: includeMETEOR)
    }

    /// Tokenizes raw captions and scores them; `references[i]` belong to `candidates[i]`.
    public static func score(imageIDs: [CaptionImageID], candidates: [String], references: [[String]],
                             meteorJar: String? = nil, includeMETEOR: Bool = true) throws -> CaptionEvaluationResult {
        precondition(imageIDs.count == candidates.count && candidates.count == references.count, "one entry per image")
        let tokenizer = PTBTokenizer()
        // pycocoevalcap tokenizes the references and the candidates as two separate batches.
        let flatReferences = tokenizer.tokenize(references.flatMap { $0 })
        var tokenizedReferences: [[String]] = []
        var offset = 0
        for list in references {
            tokenizedReferences.append(Array(flatReferences[offset..<(offset + list.count)]))
            offset += list.count
        }
        let tokenizedCandidates = tokenizer.tokenize(candidates)

        var metrics: [(String, CaptionScores)] = []
        let encoded = EncodedCaptions(candidates: tokenizedCandidates, references: tokenizedReferences)
        for (order, scores) in BLEUScorer().score(encoded).enumerated() { metrics.append(("Bleu_\(order + 1)", scores)) }
        var meteorUnavailable: String?
        if includeMETEOR {
            do {
                let meteor = try METEORScorer(jarPath: meteorJar)
                metrics.append(("METEOR", try meteor.score(candidates: tokenizedCandidates, references: tokenizedReferences)))
            } catch let error as METEORUnavailable {
                meteorUnavailable = error.description
            }
        }
        metrics.append(("ROUGE_L", ROUGELScorer().score(candidates: tokenizedCandidates, references: tokenizedReferences)))
        metrics.append(("CIDEr", CIDErDScorer().score(encoded)))
        return CaptionEvaluationResult(imageIDs: imageIDs, metrics: metrics, meteorUnavailable: meteorUnavailable)
    }
}
