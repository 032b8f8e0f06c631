import ArgumentParser
import FlowLab
import FlowNN
import Foundation

/// `flowlab weights list`: every catalogued package, whether it is present, where, and its checksums.
struct WeightsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show which pretrained weights are present, where, and their catalogued SHA-256.",
        discussion: """
        Presence is checked by size (fast); `flowlab weights verify` hashes the files. --json prints the same \
        as a JSON list for scripts.

        Examples:
          flowlab weights list
          flowlab weights list --json
        """
    )

    @Flag(help: "Print a JSON list instead of a table.")
    var json = false

    func run() throws {
        let installer = WeightsInstaller()
        var rows: [[String: Any]] = []
        if !json { print("weights folder: \(installer.root.path)") }
        for weights in PretrainedWeights.catalog {
            let statuses = try installer.status(weights, verify: false)
            let state = statuses.allSatisfy { $0.state == .present } ? "present" : "missing"
            if json {
                rows.append(["name": weights.name, "state": state, "requirement": weights.requirement,
                             "folder": weights.directory(in: installer.root).path,
                             "files": statuses.map { ["name": $0.file.name, "state": $0.state.rawValue, "sha256": $0.file.sha256,
                                                      "bytes": $0.file.byteCount, "path": $0.url.path] }])
                continue
            }
            print("\(weights.name)  [\(state)]  \(weights.summary)")
            print("  from \(weights.requirement) into \(weights.directory(in: installer.root).path)")
            for status in statuses {
                print("  \(status.state.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)) \(status.file.name)  sha256 \(status.file.sha256)")
            }
            if state != "present" { print("  fetch with: \(weights.fetchCommand)") }
        }
        if json {
            let data = try JSONSerialization.data(withJSONObject: rows, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
