/// A `CrossFlowsModel` that cannot be built or called as asked; the message lists every problem found.
public struct CrossFlowsError: Error, CustomStringConvertible, Equatable {
    /// Each problem, as a sentence.
    public let problems: [String]

    public init(_ problems: [String]) { self.problems = problems }

    public var description: String { "CrossFlows: " + problems.joined(separator: "; ") }
}
