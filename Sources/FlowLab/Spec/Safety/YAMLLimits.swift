/// Limits that keep hostile or broken YAML from exhausting the stack or memory.
///
/// Two attacks crash a naive loader: thousands of nested `[` (each level a recursive call, so the stack
/// overflows) and an alias bomb (`a: &a [x, x]`, `b: &b [*a, *a]`, ... doubles at each line, so a few
/// hundred bytes expand to billions of nodes). ``checkNesting(of:file:)`` scans the text before it is parsed
/// and ``NodeBudget`` counts nodes as aliases are expanded; both fail with a located ``SpecError``.
///
/// ```swift
/// try YAMLLimits.checkNesting(of: text, file: "x.yaml")   // x.yaml:1:101: lists and mappings nest deeper than 100 levels
/// var budget = YAMLLimits.NodeBudget()
/// try budget.charge(at: location)                         // once per node built
/// ```
public enum YAMLLimits {
    /// The deepest nesting of lists and mappings a spec may have (real specs use fewer than 10).
    public static let maximumDepth = 100
    /// The most nodes a spec may expand to, aliases included (real specs have a few hundred).
    public static let maximumNodes = 100_000

    /// Counts nodes as they are built; throws once more than ``YAMLLimits/maximumNodes`` were charged.
    public struct NodeBudget {
        /// Nodes built so far.
        public private(set) var count = 0

        /// A fresh budget.
        public init() {}

        /// Charges one node built at `location`.
        public mutating func charge(at location: SpecLocation) throws {
            count += 1
            guard count <= YAMLLimits.maximumNodes else {
                throw SpecError(location: location, keyPath: "",
                                message: "the YAML expands to more than \(YAMLLimits.maximumNodes) values (an alias '*name' repeated inside other aliases?); a spec never needs this many")
            }
        }
    }

    /// Throws when lists and mappings in the YAML text `text` of `file` nest deeper than ``maximumDepth``.
    static func checkNesting(of text: String, file: String) throws {
        guard let position = firstTooDeepPosition(in: text) else { return }
        throw SpecError(location: .file(path: file, line: position.line, column: position.column), keyPath: "",
                        message: tooDeepMessage)
    }

    /// The same check for an override's value, located at the override.
    static func checkNesting(of text: String, location: SpecLocation, keyPath: String) throws {
        guard firstTooDeepPosition(in: text) != nil else { return }
        throw SpecError(location: location, keyPath: keyPath, message: tooDeepMessage)
    }

    private static let tooDeepMessage = "lists and mappings nest deeper than \(maximumDepth) levels; a spec never needs this many"

    /// The line and column (from 1) where the nesting first exceeds ``maximumDepth``, or nil.
    ///
    /// Counts flow brackets (`[`, `{`) outside quotes and comments, block indentation levels, and the
    /// `- ` entries that open a list on the same line. Quotes only open where YAML could start a quoted
    /// scalar, so an apostrophe inside a word cannot hide brackets from the count.
    static func firstTooDeepPosition(in text: String) -> (line: Int, column: Int)? {
        let bytes = Array(text.utf8)
        var flowDepth = 0
        var indentStack: [Int] = []
        var lineDepth = 0
        var quote: UInt8?
        var escaped = false
        var previous: UInt8? = nil
        var line = 1
        var index = 0
        var atLineStart = true
        while index < bytes.count {
            if atLineStart, quote == nil, flowDepth == 0 {
                // Indentation and leading `- ` entries of a block line.
                var indent = 0
                while index + indent < bytes.count, bytes[index + indent] == UInt8(ascii: " ") { indent += 1 }
                let next = index + indent < bytes.count ? bytes[index + indent] : UInt8(ascii: "\n")
                if next != UInt8(ascii: "\n"), next != UInt8(ascii: "#"), next != UInt8(ascii: "\r") {
                    while let top = indentStack.last, top > indent { indentStack.removeLast() }
                    if indentStack.last.map({ indent > $0 }) ?? true { indentStack.append(indent) }
                    lineDepth = indentStack.count
                    var cursor = index + indent
                    while cursor + 1 < bytes.count, bytes[cursor] == UInt8(ascii: "-") || bytes[cursor] == UInt8(ascii: "?"),
                          bytes[cursor + 1] == UInt8(ascii: " ") {
                        lineDepth += 1
                        cursor += 2
                        while cursor < bytes.count, bytes[cursor] == UInt8(ascii: " ") { cursor += 1 }
                    }
                    if lineDepth > maximumDepth { return (line, cursor - index + 1) }
                }
                atLineStart = false
            }
            let byte = bytes[index]
            let column = { () -> Int in
                var start = index
                while start > 0, bytes[start - 1] != UInt8(ascii: "\n") { start -= 1 }
                return index - start + 1
            }
            if let open = quote {
                if open == UInt8(ascii: "\"") {
                    if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == open { quote = nil }
                } else if byte == open {
                    quote = nil
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if previous.map(opensQuote) ?? true { quote = byte }
                case UInt8(ascii: "#") where previous.map(isSpace) ?? true:
                    while index + 1 < bytes.count, bytes[index + 1] != UInt8(ascii: "\n") { index += 1 }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    flowDepth += 1
                    if lineDepth + flowDepth > maximumDepth { return (line, column()) }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    flowDepth = max(0, flowDepth - 1)
                default:
                    break
                }
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                atLineStart = true
            }
            previous = byte
            index += 1
        }
        return nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r")
    }

    /// Whether a quote after `byte` can start a quoted scalar.
    private static func opensQuote(after byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") || byte == UInt8(ascii: ",")
    }
}
