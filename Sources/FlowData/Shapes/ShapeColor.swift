/// The fill colour of a `shapes` object: six hues close to the usual RGB meaning of the name.
///
/// The raw value is the caption word and the case order the stored id (index into `color_names`).
public enum ShapeColor: String, CaseIterable, Sendable, Codable, Hashable {
    case red, green, blue, yellow, purple, orange

    /// The id stored in `/objects/color`.
    public var id: Int { Self.allCases.firstIndex(of: self)! }

    /// The sRGB fill, chosen to be far apart from each other and from the dark background.
    public var rgb: (red: UInt8, green: UInt8, blue: UInt8) {
        switch self {
        case .red: (228, 38, 38)
        case .green: (40, 186, 64)
        case .blue: (48, 102, 245)
        case .yellow: (246, 222, 36)
        case .purple: (164, 64, 214)
        case .orange: (250, 136, 24)
        }
    }
}
