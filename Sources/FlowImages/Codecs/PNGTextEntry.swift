/// A PNG text chunk to write: a keyword (1-79 Latin-1 characters, e.g. `Title`, `Description`) and its text.
public struct PNGTextEntry: Equatable, Sendable {
    /// The keyword, e.g. `Title`.
    public var keyword: String
    /// The text; written as `tEXt` when it is Latin-1, else as UTF-8 `iTXt`.
    public var text: String

    /// Creates an entry.
    public init(keyword: String, text: String) {
        self.keyword = keyword
        self.text = text
    }
}
