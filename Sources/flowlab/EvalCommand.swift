import ArgumentParser

/// `flowlab eval`: standalone evaluation of generated outputs.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate generated captions or features outside a run.",
        discussion: """
        Examples:
          flowlab eval captions --candidates results.json --references captions.json
          flowlab eval features --real real.h5:/features --fake samples.h5:/features
          flowlab eval images --standard --real coco_val/ --fake samples.h5:/images
          flowlab eval images --real Data/shapes-test.h5:/images --fake samples.h5:/t2i/images --prompts samples.h5:/t2i/prompts
          flowlab eval pairs --images samples.h5:/joint/images --captions samples.h5:/joint/captions
        """,
        subcommands: [EvalCaptionsCommand.self, EvalFeaturesCommand.self, EvalImagesCommand.self, EvalPairsCommand.self]
    )
}
