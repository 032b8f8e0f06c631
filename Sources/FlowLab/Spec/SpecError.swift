import Foundation

/// An error in an experiment spec that names where it is and what is wrong.
///
/// The description reads `Experiments/x.yaml:12:5: train.stpes: unknown key 'stpes'; did you mean 'steps'?`.
public struct SpecError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// Where the offending value (or key) was written.
    public var location: SpecLocation
    /// The dotted key path of the offending value, such as `train.steps` or `alignment[0].weight`; empty for the root.
    public var keyPath: String
    /// What is wrong, in words.
    public var message: String

    /// Creates an error at `location` for the value at `keyPath`.
    public init(location: SpecLocation, keyPath: String, message: String) {
        self.location = location
        self.keyPath = keyPath
        self.message = message
    }

    /// `location: keyPath: message` (the key path is left out when it is empty).
    public var description: String {
        keyPath.isEmpty ? "\(location): \(message)" : "\(location): \(keyPath): \(message)"
    }

    /// Same as ``description``, so `localizedDescription` is useful too.
    public var errorDescription: String? { description }
}
