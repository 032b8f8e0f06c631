import ArgumentParser

/// `flowlab eval`: standalone evaluation of generated outputs.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate generated captions or features outside a run.",
        discussion: """
        Examples:
          flowlab eval captions --candidates samples.json --references references.json
          flowlab eval features --real real.h5 --fake samples.h5 --k 3
        """,
        subcommands: [EvalCaptionsCommand.self, EvalFeaturesCommand.self]
    )
}
