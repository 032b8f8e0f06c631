import Foundation

/// Maps data values on one axis to pixel coordinates, linearly or through log10.
struct AxisTransform: Sendable {
    /// The visible data range.
    let limits: ClosedRange<Double>
    /// Linear or logarithmic spacing.
    let scale: AxisScale
    /// Pixel coordinate of `limits.lowerBound`.
    let pixelAtLower: Double
    /// Pixel coordinate of `limits.upperBound`.
    let pixelAtUpper: Double

    private var transformedLower: Double { transformed(limits.lowerBound) }
    private var transformedUpper: Double { transformed(limits.upperBound) }

    /// The value in the axis' linear working space (log10 for logarithmic axes).
    @inline(__always)
    func transformed(_ value: Double) -> Double {
        scale == .linear ? value : log10(value)
    }

    /// The pixel coordinate of `value`; nil when it cannot be shown (non-finite, or non-positive on a log axis).
    @inline(__always)
    func pixel(_ value: Double) -> Double? {
        guard value.isFinite, scale == .linear || value > 0 else { return nil }
        let lower = transformedLower
        let span = transformedUpper - lower
        let fraction = span != 0 ? (transformed(value) - lower) / span : 0.5
        return pixelAtLower + fraction * (pixelAtUpper - pixelAtLower)
    }

    /// Major ticks within the limits, with their labels.
    func ticks(targetCount: Int) -> [Tick] {
        scale == .linear
            ? TickGenerator.linearTicks(in: limits, targetCount: targetCount)
            : TickGenerator.logarithmicTicks(in: limits)
    }
}


