import ArgumentParser
import FlowLab
import FlowNN
import Foundation

/// `flowlab weights verify [NAME|all]`: hash every present file and compare with the catalog.
struct WeightsVerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the SHA-256 of fetched weights against FlowLab's catalog (exit 1 on any mismatch or missing file).",
        discussion: """
        Examples:
          flowlab weights verify
          flowlab weights verify minilm
        """
    )

    @Argument(help: ArgumentHelp("A package (minilm, inception) or all.", valueName: "name"))
    var name = "all"

    func run() throws {
        let installer = WeightsInstaller()
        var problems: [String] = []
        for weights in try WeightsSelection.packages(name) {
            for status in try installer.status(weights, verify: true) {
                print("\(weights.name)  \(status.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(status.url.path)")
                switch status.state {
                case .present: continue
                case .missing: problems.append("\(status.url.path) is missing; fetch it with `\(weights.fetchCommand)`")
                case .corrupt:
                    problems.append("\(status.url.path) has SHA-256 \(status.computedSHA256 ?? "?"), not \(status.file.sha256); "
                                    + "fetch it again with `\(weights.fetchCommand) --force`")
                }
            }
        }
        if !problems.isEmpty { throw InputError(problems.joined(separator: "\n")) }
    }
}
