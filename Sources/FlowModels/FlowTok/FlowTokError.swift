/// Sizes of a FlowTok module that do not fit together, one sentence each.
public struct FlowTokError: Error, CustomStringConvertible, Sendable {
    /// The problems.
    public let problems: [String]

    init(_ problems: [String]) {
        self.problems = problems
    }

    public var description: String { "FlowTok: " + problems.joined(separator: "; ") }
}
