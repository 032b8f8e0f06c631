import ArgumentParser

/// The `flowlab` command: reproducible experiments with multimodal flow matching.
@main
struct FlowLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flowlab",
        abstract: "Reproducible experiments with multimodal flow matching (CrossFlows, FlowTok).",
        discussion: """
        Every experiment is a YAML spec under Experiments/; every run writes a self-contained folder \
        under Results/<experiment>/<run-id>/. Run `flowlab help <subcommand>` for details.

        Examples:
          flowlab run Experiments/modecollapse.yaml train.steps=500
          flowlab sweep Experiments/modecollapse.yaml -m model.depth=2,4 --jobs 2
          flowlab report Results/modecollapse
          flowlab inspect Results/modecollapse/20250101-120000-a1b2c3/metrics.h5
        """,
        subcommands: [RunCommand.self, SweepCommand.self, ReportCommand.self, InspectCommand.self, EvalCommand.self,
                      DataCommand.self]
    )
}
