/// A scene-metric input that cannot be scored: lists of different lengths, or nothing to score.
public struct SceneMetricsError: Error, Equatable, CustomStringConvertible {
    /// What was wrong, naming the inputs.
    public let message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }

    /// Throws unless `first` and `second` have the same, non-zero count.
    static func checkPaired(_ first: Int, _ firstName: String, _ second: Int, _ secondName: String) throws {
        guard first == second else {
            throw SceneMetricsError("\(first) \(firstName) but \(second) \(secondName); they must pair one to one")
        }
        guard first > 0 else { throw SceneMetricsError("no \(firstName) to score") }
    }
}
