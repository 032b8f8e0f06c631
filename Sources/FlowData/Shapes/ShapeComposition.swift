import Foundation

/// A colour and shape pair ("blue triangle"): the concept whose frequency `imbalance` skews and `holdout` removes.
public struct ShapeComposition: Sendable, Codable, Hashable, CustomStringConvertible {
    public var color: ShapeColor
    public var shape: ShapeKind

    public init(color: ShapeColor, shape: ShapeKind) {
        self.color = color
        self.shape = shape
    }

    /// Parses "blue:triangle" (colour, colon, shape); throws a `DataError` naming the unknown word.
    public init(parsing text: String) throws {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces).lowercased()
        }
        guard parts.count == 2 else {
            throw DataError("'\(text)' is not colour:shape (e.g. blue:triangle)", key: "holdout")
        }
        guard let color = ShapeColor(rawValue: parts[0]) else {
            throw DataError("unknown colour '\(parts[0])' in '\(text)'; colours are \(ShapeColor.allCases.map(\.rawValue).joined(separator: ", "))",
                            key: "holdout")
        }
        guard let shape = ShapeKind(rawValue: parts[1]) else {
            throw DataError("unknown shape '\(parts[1])' in '\(text)'; shapes are \(ShapeKind.allCases.map(\.rawValue).joined(separator: ", "))",
                            key: "holdout")
        }
        self.init(color: color, shape: shape)
    }

    /// Every composition, colour-major: the index is `color.id * 4 + shape.id`.
    public static var all: [ShapeComposition] {
        ShapeColor.allCases.flatMap { color in ShapeKind.allCases.map { ShapeComposition(color: color, shape: $0) } }
    }

    /// The index in `all`.
    public var index: Int { color.id * ShapeKind.allCases.count + shape.id }

    /// "blue:triangle", the form `init(parsing:)` reads.
    public var description: String { "\(color.rawValue):\(shape.rawValue)" }
}
