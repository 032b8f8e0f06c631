/// An experiment failure that is not a spec error: a message naming the file or object at fault.
public struct ExperimentError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
