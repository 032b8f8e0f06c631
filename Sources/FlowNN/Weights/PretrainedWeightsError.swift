/// A pretrained weight package that is not where FlowLab looks, or not whole: one line that names the command fixing it.
public struct PretrainedWeightsError: Error, Equatable, CustomStringConvertible {
    /// The package's name (`minilm`, `inception`), or the name asked for when it is unknown.
    public let package: String
    /// What is wrong, already naming the fix.
    public let message: String

    /// An error about `package`.
    public init(package: String, _ message: String) {
        self.package = package
        self.message = message
    }

    public var description: String { message }
}
