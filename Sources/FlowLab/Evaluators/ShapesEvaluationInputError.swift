/// An evaluation input that cannot be read: what was wrong and where (file, dataset, row).
public struct ShapesEvaluationInputError: Error, Equatable, CustomStringConvertible {
    public let message: String
    public let location: String

    public init(_ message: String, location: String) {
        self.message = message
        self.location = location
    }

    public var description: String { "\(location): \(message)" }
}
