/// A list of distinct colours for categories (series, classes); indices wrap around.
public struct CategoricalPalette: Sendable {
    /// The palette colours, in order.
    public let colors: [Color]

    /// Creates a palette from at least one colour.
    public init(colors: [Color]) {
        precondition(!colors.isEmpty, "CategoricalPalette needs at least one colour")
        self.colors = colors
    }

    /// The colour of category `index`; indices beyond the palette (or negative) wrap around.
    public func color(for index: Int) -> Color {
        let count = colors.count
        return colors[((index % count) + count) % count]
    }

    /// Matplotlib's default ten-colour cycle ("tab10").
    public static let tab10 = CategoricalPalette(colors: [
        0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD,
        0x8C564B, 0xE377C2, 0x7F7F7F, 0xBCBD22, 0x17BECF,
    ].map { Color(hex: $0) })
}
