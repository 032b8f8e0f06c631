import ArgumentParser
import FlowMetrics
import Foundation

/// `flowlab eval captions`: caption metrics (BLEU, METEOR, ROUGE-L, CIDEr) of candidates against references.
struct EvalCaptionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "captions",
        abstract: "Score generated captions against reference captions (BLEU-1..4, METEOR, ROUGE-L, CIDEr).",
        discussion: """
        Scores like pycocoevalcap's COCOEvalCap and prints the corpus scores as one JSON object. \
        The candidates are a COCO results file ([{"image_id": ..., "caption": ...}]), the references \
        a COCO annotations file ({"annotations": [{"image_id": ..., "caption": ...}]}). METEOR runs \
        the reference Java implementation (meteor-1.5.jar from --meteor-jar, else $FLOWLAB_METEOR_JAR, \
        else pip's pycocoevalcap); without Java or the jar it is left out, with a note on standard error.

        Examples:
          flowlab eval captions --candidates results.json --references captions.json
          flowlab eval captions --candidates results.json --references captions.json \\
            --per-image scores.json --meteor-jar meteor-1.5.jar
        """
    )

    @Option(help: ArgumentHelp("Generated captions: a COCO results file, one caption per image id.", valueName: "file"))
    var candidates: String

    @Option(help: ArgumentHelp("Reference captions: a COCO annotations file, several per image id.", valueName: "file"))
    var references: String

    @Option(help: ArgumentHelp("Also write per-image scores to this JSON file (atomically).", valueName: "file"))
    var perImage: String?

    @Option(help: ArgumentHelp("The METEOR 1.5 jar (default: $FLOWLAB_METEOR_JAR, else pycocoevalcap's).", valueName: "jar"))
    var meteorJar: String?

    @Flag(help: "Leave METEOR out (it starts Java, which takes a few seconds).")
    var noMeteor = false

    func validate() throws {
        if noMeteor && meteorJar != nil { throw ValidationError("--no-meteor and --meteor-jar exclude each other") }
        if let perImage {
            let output = URL(fileURLWithPath: perImage).standardizedFileURL.resolvingSymlinksInPath()
            for (option, input) in [("--candidates", candidates), ("--references", references)]
            where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == output {
                throw ValidationError("--per-image \(perImage) is the \(option) file; writing the scores there would overwrite the input")
            }
        }
    }

    func run() throws {
        let result = try CaptionEvaluation(candidatesFile: candidates, referencesFile: references,
                                           meteorJar: meteorJar, includeMETEOR: !noMeteor).run()
        if let note = result.meteorUnavailable {
            FileHandle.standardError.write(Data((note + "\n").utf8))
        }
        if let perImage {
            try result.writePerImageJSON(to: URL(fileURLWithPath: perImage))
        }
        print(result.jsonString())
    }
}
