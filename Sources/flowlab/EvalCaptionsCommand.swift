import ArgumentParser

/// `flowlab eval captions`: caption metrics (BLEU, METEOR, ROUGE-L, CIDEr) of candidates against references.
struct EvalCaptionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "captions",
        abstract: "Score generated captions against reference captions (BLEU-1..4, METEOR, ROUGE-L, CIDEr).",
        discussion: """
        METEOR runs the reference Java implementation and needs --meteor-jar (or is left out).

        Examples:
          flowlab eval captions --candidates gen.json --references refs.json
          flowlab eval captions --candidates gen.json --references refs.json \\
            --per-image scores.csv --meteor-jar meteor-1.5.jar
        """
    )

    @Option(help: ArgumentHelp("Generated captions, one per image id.", valueName: "file"))
    var candidates: String

    @Option(help: ArgumentHelp("Reference captions, several per image id.", valueName: "file"))
    var references: String

    @Option(help: ArgumentHelp("Also write per-image scores to this file.", valueName: "file"))
    var perImage: String?

    @Option(help: ArgumentHelp("The METEOR 1.5 jar (METEOR is skipped without it).", valueName: "jar"))
    var meteorJar: String?

    func run() throws {
        // WIRING: load candidates/references and call the caption metrics in FlowMetrics.
        throw notWiredYet("caption evaluation")
    }
}
