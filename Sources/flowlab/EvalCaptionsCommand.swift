import ArgumentParser
import FlowLab
import FlowMetrics
import FlowModels
import FlowNN
import Foundation

/// `flowlab eval captions`: caption metrics (BLEU, METEOR, ROUGE-L, CIDEr) of candidates against references, and
/// the shapes scene metrics (`i2t_*`) of candidates against the true scenes of their images.
struct EvalCaptionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "captions",
        abstract: "Score generated captions against reference captions (BLEU-1..4, METEOR, ROUGE-L, CIDEr) or true shapes scenes.",
        discussion: """
        Scores like pycocoevalcap's COCOEvalCap and prints the corpus scores as one JSON object. \
        The candidates are a COCO results file ([{"image_id": ..., "caption": ...}]), the references \
        a COCO annotations file ({"annotations": [{"image_id": ..., "caption": ...}]}). METEOR runs \
        the reference Java implementation (meteor-1.5.jar from --meteor-jar, else $FLOWLAB_METEOR_JAR, \
        else `flowlab weights fetch meteor`'s, else pip's pycocoevalcap); without Java or the jar it is left out, with a note on standard error.

        With --scenes (a shapes file with /objects, as `flowlab data render shapes` writes), each candidate \
        is parsed as a shapes caption and compared with the true scene of its image, image_id i being \
        row i: i2t_grammatical_rate and the i2t_* attribute, object and exact-scene accuracies (an \
        ungrammatical caption is wrong in every attribute). --references and --scenes may be given \
        together (one JSON object) or alone.

        Examples:
          flowlab eval captions --candidates results.json --references captions.json
          flowlab eval captions --candidates results.json --references captions.json \\
            --per-image scores.json --meteor-jar meteor-1.5.jar
          flowlab eval captions --candidates results.json --scenes Data/shapes-test.h5
        """
    )

    @Option(help: ArgumentHelp("Generated captions: a COCO results file, one caption per image id.", valueName: "file"))
    var candidates: String

    @Option(help: ArgumentHelp("Reference captions: a COCO annotations file, several per image id.", valueName: "file"))
    var references: String?

    @Option(help: ArgumentHelp("The true scene of each image: a shapes file with /objects, image_id i its row i.", valueName: "file"))
    var scenes: String?

    @Option(help: ArgumentHelp("Also write per-image scores to this JSON file (atomically).", valueName: "file"))
    var perImage: String?

    @Option(help: ArgumentHelp("The METEOR 1.5 jar (default: $FLOWLAB_METEOR_JAR, else the fetched one of `flowlab weights fetch meteor`, else pycocoevalcap's).", valueName: "jar"))
    var meteorJar: String?

    @Flag(help: "Leave METEOR out (it starts Java, which takes a few seconds).")
    var noMeteor = false

    @Flag(help: "Leave caption_similarity (all-MiniLM-L6-v2 cosine similarity) out.")
    var noSimilarity = false

    func validate() throws {
        if noMeteor && meteorJar != nil { throw ValidationError("--no-meteor and --meteor-jar exclude each other") }
        if references == nil {
            if scenes == nil { throw ValidationError("give --references (caption metrics), --scenes (shapes scene metrics) or both") }
            if perImage != nil { throw ValidationError("--per-image writes caption metrics per image: it needs --references") }
            if meteorJar != nil { throw ValidationError("--meteor-jar runs METEOR against reference captions: it needs --references") }
        }
    }

    func run() throws {
        // The scene metrics come first, so a bad shapes file or image id fails before METEOR starts.
        let sceneJSON = try scenes.map {
            try ImageToTextSceneMetrics.evaluate(candidatesFile: candidates, truths: try ShapesEvaluationInput.scenes($0)).jsonObject()
        }
        let captionJSON = try references.map(captionMetrics)
        // One object: the members of both, caption metrics first.
        let members = [captionJSON, sceneJSON].compactMap { $0?.dropFirst().dropLast() }.filter { !$0.isEmpty }
        print("{" + members.joined(separator: ", ") + "}")
    }

    /// The caption metrics against `references` as one JSON object, the per-image file written when asked for.
    private func captionMetrics(_ references: String) throws -> String {
        if let perImage {
            try OutputGuard.refuseOverwriting(output: URL(fileURLWithPath: perImage),
                                              inputs: [candidates, references, scenes].compactMap { $0 }.map(URL.init(fileURLWithPath:)),
                                              option: "--per-image")
        }
        let result = try CaptionEvaluation(candidatesFile: candidates, referencesFile: references,
                                           meteorJar: meteorJar, includeMETEOR: !noMeteor).run()
        if let note = result.meteorUnavailable {
            FileHandle.standardError.write(Data((note + "\n").utf8))
        }
        let similarity = try captionSimilarity(references)
        if let perImage {
            let url = URL(fileURLWithPath: perImage)
            if let similarity {
                do {
                    try Data(Self.addingSimilarity(similarity.perImage, to: result.perImageJSON()).utf8).write(to: url, options: .atomic)
                } catch {
                    throw InputError("cannot write per-image scores to \(url.path): \(error.localizedDescription)")
                }
            } else {
                try result.writePerImageJSON(to: url)
            }
        }
        var fields: [(key: String, value: String)] = []
        if let similarity {
            fields = [("caption_similarity", "\(similarity.mean)"), ("caption_similarity_std", "\(similarity.standardDeviation)"),
                      ("caption_similarity_model", "\"\(similarity.model)\"")]
        }
        return fields.reduce(result.jsonString()) { json, field in
            String(json.dropLast()) + ", \"\(field.key)\": \(field.value)}"
        }
    }

    /// CrossFlows' caption similarity with all-MiniLM-L6-v2; nil (and a note on standard error) without the weights.
    private func captionSimilarity(_ references: String) throws -> ReferenceCaptionSimilarity? {
        if noSimilarity { return nil }
        let encoder: SentenceEncoder
        do {
            encoder = try SentenceEncoder.miniLM()
        } catch let error as PretrainedWeightsError {
            FileHandle.standardError.write(Data("caption_similarity left out: \(error.message)\n".utf8))
            return nil
        }
        let pairs = try CaptionEvaluation(candidatesFile: candidates, referencesFile: references).captionPairs()
        return ReferenceCaptionSimilarity(candidates: pairs.candidates, references: pairs.references, encoder: encoder)
    }

    /// The per-image JSON rows (one `  {...}` line each, in candidate order) with `"caption_similarity"` appended.
    static func addingSimilarity(_ values: [Double], to json: String) -> String {
        var row = 0
        let lines = json.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("  {"), row < values.count, let close = line.lastIndex(of: "}") else { return String(line) }
            defer { row += 1 }
            return String(line[..<close]) + ", \"caption_similarity\": \(values[row])" + String(line[close...])
        }
        return lines.joined(separator: "\n")
    }
}
