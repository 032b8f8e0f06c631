import Foundation

/// An error raised by FlowPlot when its input cannot be drawn or written; the message says what and where.
public struct PlotError: Error, CustomStringConvertible, Sendable {
    /// A human-readable explanation naming the offending object or file.
    public let message: String

    /// Creates an error with the given explanation.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "FlowPlot: \(message)" }
}
