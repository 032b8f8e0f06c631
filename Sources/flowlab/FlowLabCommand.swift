import ArgumentParser
import FlowLab
import Foundation

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
          flowlab components
        """,
        version: "flowlab \(FlowLabVersion.number)",
        subcommands: [RunCommand.self, SweepCommand.self, ReportCommand.self, InspectCommand.self, EvalCommand.self,
                      ComponentsCommand.self, DataCommand.self,
                      EmbedCommand.self, WeightsCommand.self]
    )

    /// Runs the command with SIGPIPE ignored: a pipe whose reader went away (a Java child that died, `| head`)
    /// becomes a write error with a message instead of killing the process silently.
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        main(nil)
    }
}
