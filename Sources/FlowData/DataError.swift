import Foundation

/// An error about data FlowData reads or writes: what was wrong and where (file, key or line).
///
/// Its description reads like `captions.h5 /captions: holds 4 captions per image but the layout has 5`.
public struct DataError: Error, Equatable, Sendable, CustomStringConvertible, LocalizedError {
    /// Where the bad input is: a file path, an option name, a caption, ... (empty when there is no better place).
    public let location: String
    /// The key inside that place (an HDF5 path, an option, a line number), or empty.
    public let key: String
    /// What was wrong.
    public let message: String

    /// An error at `location` (and `key` inside it) saying `message`.
    public init(_ message: String, location: String = "", key: String = "") {
        self.location = location
        self.key = key
        self.message = message
    }

    /// `location key: message`, leaving out empty parts.
    public var description: String {
        let place = [location, key].filter { !$0.isEmpty }.joined(separator: " ")
        return place.isEmpty ? message : "\(place): \(message)"
    }

    /// The same text as `description`, so `localizedDescription` shows it too.
    public var errorDescription: String? { description }
}
