/// An opaque 8-bit sRGB colour.
public struct Color: Sendable, Hashable {
    /// Red channel, 0...255.
    public var red: UInt8
    /// Green channel, 0...255.
    public var green: UInt8
    /// Blue channel, 0...255.
    public var blue: UInt8

    /// Creates a colour from its three channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Creates a colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32) {
        self.init(
            red: UInt8(truncatingIfNeeded: hex >> 16),
            green: UInt8(truncatingIfNeeded: hex >> 8),
            blue: UInt8(truncatingIfNeeded: hex))
    }

    /// The colour a `fraction` (0...1) of the way from `self` to `other`, interpolated per channel.
    public func mixed(with other: Color, fraction: Double) -> Color {
        let weight = min(max(fraction, 0), 1)
        func channel(_ start: UInt8, _ end: UInt8) -> UInt8 {
            UInt8((Double(start) + (Double(end) - Double(start)) * weight).rounded())
        }
        return Color(red: channel(red, other.red), green: channel(green, other.green), blue: channel(blue, other.blue))
    }

    /// Pure white.
    public static let white = Color(hex: 0xFFFFFF)
    /// Pure black.
    public static let black = Color(hex: 0x000000)
    /// The near-black used for axes and text.
    public static let ink = Color(hex: 0x222222)
    /// A mid grey.
    public static let gray = Color(hex: 0x808080)
    /// A light grey for grid lines.
    public static let lightGray = Color(hex: 0xE6E6E6)
}
