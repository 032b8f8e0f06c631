import Foundation

/// How data values are spaced along an axis.
public enum AxisScale: Sendable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios (base 10); non-positive values are not drawn.
    case logarithmic
}

/// The description of one panel axis: its label, limits and scale.
public struct Axis: Sendable {
    /// Text under the x axis or beside the y axis; none when nil.
    public var label: String?
    /// The visible data range; nil fits the data with a 5% margin.
    public var limits: ClosedRange<Double>?
    /// Linear or logarithmic spacing.
    public var scale: AxisScale

    /// Creates an axis description.
    public init(label: String? = nil, limits: ClosedRange<Double>? = nil, scale: AxisScale = .linear) {
        self.label = label
        self.limits = limits
        self.scale = scale
    }

    /// The visible range: the explicit limits, or the padded extent of `values` (finite, positive on log axes).
    func resolvedLimits<Values: Sequence>(for values: Values) -> ClosedRange<Double> where Values.Element == Double {
        if let limits { return limits }
        var lowest = Double.infinity
        var highest = -Double.infinity
        for value in values where value.isFinite && (scale == .linear || value > 0) {
            lowest = min(lowest, value)
            highest = max(highest, value)
        }
        guard lowest <= highest else { return scale == .linear ? 0...1 : 1...10 }
        switch scale {
        case .linear:
            let margin = highest > lowest ? (highest - lowest) * 0.05 : max(abs(lowest) * 0.05, 0.5)
            return (lowest - margin)...(highest + margin)
        case .logarithmic:
            let lowExponent = log10(lowest)
            let highExponent = log10(highest)
            let margin = highExponent > lowExponent ? (highExponent - lowExponent) * 0.05 : 0.5
            return pow(10, lowExponent - margin)...pow(10, highExponent + margin)
        }
    }
}


