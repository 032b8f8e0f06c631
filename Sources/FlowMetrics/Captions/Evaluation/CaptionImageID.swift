/// A COCO image id: an integer in COCO itself, a string in some other datasets.
public enum CaptionImageID: Hashable, Sendable, CustomStringConvertible {
    case integer(Int)
    case string(String)

    /// The id as written in JSON (`42` or `"abc"`).
    public var description: String {
        switch self {
        case .integer(let value): return String(value)
        case .string(let value): return CaptionJSON.quoted(value)
        }
    }
}
