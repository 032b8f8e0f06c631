/// A continuous colour map: evenly spaced colour stops, linearly interpolated, sampled into 256 entries.
///
/// ```swift
/// let colour = ColorMap.viridis.color(for: 42, in: 0...198)  // label 42 of 0...198
/// ```
public struct ColorMap: Sendable {
    /// The colour stops, evenly spaced from fraction 0 to fraction 1.
    public let stops: [Color]
    /// 256 pre-interpolated colours for fast lookup.
    private let table: [Color]

    /// Creates a colour map through at least two evenly spaced `stops`.
    public init(stops: [Color]) {
        precondition(stops.count >= 2, "ColorMap needs at least two stops, got \(stops.count)")
        self.stops = stops
        self.table = (0..<256).map { index in
            let position = Double(index) / 255 * Double(stops.count - 1)
            let lower = min(Int(position), stops.count - 2)
            return stops[lower].mixed(with: stops[lower + 1], fraction: position - Double(lower))
        }
    }

    /// The colour at `fraction` of the map, clamped to 0...1 (NaN maps to the low end).
    @inline(__always)
    public func color(at fraction: Double) -> Color {
        guard fraction > 0 else { return table[0] }
        return table[min(Int(fraction * 255 + 0.5), 255)]
    }

    /// The colour of `value` when `range` spans the whole map; values outside are clamped.
    @inline(__always)
    public func color(for value: Double, in range: ClosedRange<Double>) -> Color {
        let span = range.upperBound - range.lowerBound
        return color(at: span > 0 ? (value - range.lowerBound) / span : 0.5)
    }

    /// Matplotlib's perceptually uniform viridis, from 11 stops at fractions 0, 0.1, ..., 1.
    public static let viridis = ColorMap(stops: [
        0x440154, 0x482475, 0x414487, 0x355F8D, 0x2A788E, 0x21918C,
        0x22A884, 0x44BF70, 0x7AD151, 0xBDDF26, 0xFDE725,
    ].map { Color(hex: $0) })

    /// Black to white.
    public static let grayscale = ColorMap(stops: [.black, .white])
}
