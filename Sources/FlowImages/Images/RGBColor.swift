/// An 8-bit RGB colour, e.g. the background that transparent pixels are composited onto.
public struct RGBColor: Equatable, Hashable, Sendable {
    /// Red, 0...255.
    public var red: UInt8
    /// Green, 0...255.
    public var green: UInt8
    /// Blue, 0...255.
    public var blue: UInt8

    /// Creates a colour from its three channels.
    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Pure white.
    public static let white = RGBColor(red: 255, green: 255, blue: 255)
    /// Pure black.
    public static let black = RGBColor(red: 0, green: 0, blue: 0)

    /// Parses `#rrggbb` or `rrggbb` (hexadecimal); nil when malformed.
    public init?(hexadecimal text: String) {
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: UInt8(value >> 16), green: UInt8((value >> 8) & 0xFF), blue: UInt8(value & 0xFF))
    }
}
