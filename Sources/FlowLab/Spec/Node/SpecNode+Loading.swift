import Foundation
import Yams

extension SpecNode {
    /// Loads a YAML spec file, following `extends:` chains unless `resolvingExtends` is false.
    ///
    /// With `extends: parent.yaml` (a path relative to the file), the parent is loaded the same way and
    /// this file is deep-merged over it (``merged(over:)``); the `extends` key is removed. Locations keep
    /// pointing at the file each value came from. Cycles are an error naming the chain.
    public static func load(file path: String, resolvingExtends: Bool = true) throws -> SpecNode {
        try load(file: path, resolvingExtends: resolvingExtends, chain: [], requestedAt: nil)
    }

    /// Parses YAML text; `file` is used for locations only.
    public static func parse(yaml: String, file: String) throws -> SpecNode {
        try YAMLLimits.checkNesting(of: yaml, file: file)
        let composed: Node?
        do {
            composed = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        }
        guard let composed else {
            return SpecNode(.mapping([]), location: .file(path: file, line: 1, column: 1))
        }
        var budget = YAMLLimits.NodeBudget()
        return try SpecNode(yams: composed, budget: &budget) { mark in
            .file(path: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
        }
    }

    private static func load(file path: String, resolvingExtends: Bool, chain: [String], requestedAt: SpecNode?) throws -> SpecNode {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read spec file '\(path)'" : "spec file '\(path)' does not exist"
            if let requestedAt {
                throw SpecError(location: requestedAt.location, keyPath: "extends", message: reason)
            }
            throw SpecError(location: .file(path: path, line: 1, column: 1), keyPath: "", message: reason)
        }
        var node = try parse(yaml: text, file: path)
        guard var entries = node.entries else {
            throw SpecError(location: node.location, keyPath: "", message: "a spec must be a mapping of keys to values, got \(node.summary)")
        }
        guard resolvingExtends, let index = entries.firstIndex(where: { $0.key == "extends" }) else { return node }

        let extends = entries[index].value
        guard let parent = extends.scalar, parent.kind == .string, !parent.text.isEmpty else {
            throw SpecError(location: extends.location, keyPath: "extends", message: "expected a path to a parent spec, got \(extends.summary)")
        }
        let parentPath = SpecPaths.resolve(parent.text, relativeTo: path)
        let identity = SpecPaths.identity(of: path)
        let parentIdentity = SpecPaths.identity(of: parentPath)
        let visited = chain + [identity]
        if visited.contains(parentIdentity) {
            let names = (visited + [parentIdentity]).map { ($0 as NSString).lastPathComponent }
            throw SpecError(location: extends.location, keyPath: "extends",
                            message: "extends cycle: \(names.joined(separator: " -> "))")
        }
        entries.remove(at: index)
        node.value = .mapping(entries)
        let base = try load(file: parentPath, resolvingExtends: true, chain: visited, requestedAt: extends)
        return node.merged(over: base)
    }

    private static func yamlError(_ error: YamlError, file: String) -> SpecError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let detail = context.map { "\(SpecSnippet.quoting($0.text)) " } ?? ""
            return SpecError(location: .file(path: file, line: mark.line, column: mark.column), keyPath: "",
                             message: "invalid YAML: \(detail)\(SpecSnippet.quoting(problem, limit: 200))")
        case let .reader(problem, offset, value, _):
            // Never the `yaml` payload: the text may be any file (`extends: /proc/self/environ`).
            let position = offset.map { " at byte \($0)" } ?? ""
            return SpecError(location: .file(path: file, line: 1, column: 1), keyPath: "",
                             message: "not a YAML text file: \(SpecSnippet.quoting(problem, limit: 200)) (character code \(value))\(position)")
        default:
            return SpecError(location: .file(path: file, line: 1, column: 1), keyPath: "",
                             message: "invalid YAML: \(SpecSnippet.quoting(String(describing: error)))")
        }
    }

    /// Converts a Yams node, locating each node with `locate`; duplicate keys are errors.
    ///
    /// Every converted node (aliases expanded) is charged to `budget`, so an alias bomb is an error, not 10 GB.
    init(yams node: Node, budget: inout YAMLLimits.NodeBudget, locate: (Mark?) -> SpecLocation) throws {
        let location = locate(node.mark)
        try budget.charge(at: location)
        switch node {
        case let .scalar(scalar):
            self.init(.scalar(SpecScalar(text: scalar.string, kind: Self.kind(of: node))), location: location)
        case let .sequence(sequence):
            var elements: [SpecNode] = []
            for element in sequence { elements.append(try SpecNode(yams: element, budget: &budget, locate: locate)) }
            self.init(.sequence(elements), location: location)
        case let .mapping(mapping):
            var entries: [SpecEntry] = []
            for (key, value) in mapping {
                let keyLocation = locate(key.mark)
                guard let keyText = key.scalar?.string else {
                    throw SpecError(location: keyLocation, keyPath: "", message: "mapping keys must be plain text, not a list or mapping")
                }
                if let first = entries.first(where: { $0.key == keyText }) {
                    throw SpecError(location: keyLocation, keyPath: keyText,
                                    message: "duplicate key '\(keyText)' (first written at \(first.keyLocation))")
                }
                entries.append(SpecEntry(key: keyText, keyLocation: keyLocation, value: try SpecNode(yams: value, budget: &budget, locate: locate)))
            }
            self.init(.mapping(entries), location: location)
        }
    }

    private static func kind(of node: Node) -> SpecScalar.Kind {
        switch node.tag.description {
        case Tag.Name.int.rawValue: return .integer
        case Tag.Name.float.rawValue: return .float
        case Tag.Name.bool.rawValue: return .boolean
        case Tag.Name.null.rawValue: return .null
        default: return .string
        }
    }
}
