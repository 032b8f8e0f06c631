import ArgumentParser
import FlowLab
import Foundation

/// `flowlab components`: every component a spec can name, with its options.
struct ComponentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "components",
        abstract: "List every registered component with its options, types, defaults and a one-line description.",
        discussion: """
        The list is derived from the registry and from each component's options decoder, so it is \
        exactly what a spec may write. Give a kind to list only that kind.

        Examples:
          flowlab components
          flowlab components scheduler
          flowlab components dataset --format json
        """
    )

    /// How the list is printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "Only this kind, e.g. scheduler, solver, dataset.")
    var kind: String?

    @Option(help: "text (the default) or json (for scripts).")
    var format: Format = .text

    func run() throws {
        let registry = ComponentRegistry.standard
        var kinds = registry.kinds
        if let kind {
            guard let match = kinds.first(where: { $0.rawValue == kind }) else {
                throw ValidationError("unknown component kind '\(kind)'; kinds: \(kinds.map(\.rawValue).joined(separator: ", "))")
            }
            kinds = [match]
        }
        switch format {
        case .text:
            var lines: [String] = []
            for kind in kinds {
                lines.append("\(kind):")
                for component in registry.components(of: kind) {
                    lines.append("  \(component.name) - \(component.description ?? "(no description)")")
                    for option in component.options { lines.append("      \(option)") }
                }
            }
            print(lines.joined(separator: "\n"))
        case .json:
            var object: [String: Any] = [:]
            for kind in kinds {
                object[kind.rawValue] = registry.components(of: kind).map { component -> [String: Any] in
                    ["name": component.name, "description": component.description ?? NSNull(),
                     "options": component.options.map { option -> [String: Any] in
                         ["key": option.key, "type": option.type, "required": option.isRequired, "default": option.defaultValue ?? NSNull()]
                     }]
                }
            }
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
