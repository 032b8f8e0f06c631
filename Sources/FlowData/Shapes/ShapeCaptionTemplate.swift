import Foundation

/// One caption template of the `shapes` grammar: fixed words and slots for the attributes of one or two objects.
///
/// The same template drives generation and parsing, so every caption the grammar writes parses back.
/// A pattern is written like a caption, with slots in braces followed by the object they describe:
/// `{size0}`, `{color0}`, `{shape0}`, `{cell0}` (the cell's name, "top left"), `{place0}` (the cell as a
/// place, "in the top left") and `{relation01}` (where object 0 is relative to object 1, "to the left of").
///
/// ```swift
/// let template = ShapeCaptionTemplate("{cell0}: a {size0} {color0} {shape0}")
/// ```
public struct ShapeCaptionTemplate: Sendable, Hashable {
    /// A piece of a template.
    public enum Element: Sendable, Hashable {
        case word(String)
        case size(Int)
        case color(Int)
        case shape(Int)
        case cellName(Int)
        case place(Int)
        case relation(Int, Int)
    }

    /// The pattern the template was made from.
    public let pattern: String
    /// Its words and slots, in order.
    public let elements: [Element]
    /// How many objects it describes (1 or 2).
    public let objectCount: Int

    /// Parses `pattern`; a malformed slot is a programmer error in the grammar.
    public init(_ pattern: String) {
        self.pattern = pattern
        var elements: [Element] = []
        var highest = -1
        // Braces are punctuation to the word splitter; mark slots with "$" (a symbol) instead.
        let marked = pattern.replacingOccurrences(of: "{", with: "$").replacingOccurrences(of: "}", with: "")
        for word in CaptionWords.split(marked) {
            guard word.hasPrefix("$") else {
                elements.append(.word(word))
                continue
            }
            let body = word.dropFirst()
            let digits = body.reversed().prefix(while: \.isNumber).reversed()
            let name = String(body.dropLast(digits.count))
            let objects = digits.compactMap { $0.wholeNumberValue }
            guard let first = objects.first else { fatalError("slot \(word) in '\(pattern)' names no object") }
            highest = max(highest, objects.max()!)
            switch (name, objects.count) {
            case ("size", 1): elements.append(.size(first))
            case ("color", 1): elements.append(.color(first))
            case ("shape", 1): elements.append(.shape(first))
            case ("cell", 1): elements.append(.cellName(first))
            case ("place", 1): elements.append(.place(first))
            case ("relation", 2): elements.append(.relation(first, objects[1]))
            default: fatalError("unknown slot \(word) in '\(pattern)'")
            }
        }
        self.elements = elements
        objectCount = highest + 1
    }

    /// The words of this template filled in for `objects` (in mention order), before articles are adjusted.
    func words(for objects: [ShapeObject]) -> [String] {
        precondition(objects.count == objectCount, "template '\(pattern)' describes \(objectCount) objects")
        return elements.flatMap { element -> [String] in
            switch element {
            case .word(let word): [word]
            case .size(let index): [objects[index].size.rawValue]
            case .color(let index): [objects[index].color.rawValue]
            case .shape(let index): [objects[index].shape.rawValue]
            case .cellName(let index): CaptionWords.split(objects[index].cell.name)
            case .place(let index): CaptionWords.split(objects[index].cell.place)
            case .relation(let first, let second): CaptionWords.split(ShapeRelation.describing(objects[first].cell, relativeTo: objects[second].cell).phrase)
            }
        }
    }
}
