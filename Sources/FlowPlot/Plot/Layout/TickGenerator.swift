import Foundation

/// One labelled axis tick.
struct Tick: Sendable, Equatable {
    /// The data value at the tick.
    let value: Double
    /// The text printed next to it.
    let label: String
}

/// Chooses "nice" tick positions (1, 2 or 5 times a power of ten) and formats their labels.
enum TickGenerator {
    /// The step among 1, 2, 5 x 10^k that gives about `targetCount` intervals over `span`.
    static func niceStep(span: Double, targetCount: Int) -> Double {
        let rough = span / Double(max(targetCount, 1))
        guard rough > 0, rough.isFinite else { return 1 }
        let magnitude = pow(10, (log10(rough)).rounded(.down))
        let residual = rough / magnitude
        let factor: Double = residual < 1.5 ? 1 : residual < 3 ? 2 : residual < 7 ? 5 : 10
        return factor * magnitude
    }

    /// Multiples of a nice step that fall inside `range`, labelled with just enough decimals.
    static func linearTicks(in range: ClosedRange<Double>, targetCount: Int) -> [Tick] {
        let step = niceStep(span: range.upperBound - range.lowerBound, targetCount: targetCount)
        let tolerance = step * 1e-9
        let first = (range.lowerBound / step - 1e-9).rounded(.up)
        let last = (range.upperBound / step + 1e-9).rounded(.down)
        guard first <= last, last - first < 1000 else { return [] }
        return stride(from: first, through: last, by: 1).compactMap { multiple in
            let value = multiple * step
            guard value >= range.lowerBound - tolerance, value <= range.upperBound + tolerance else { return nil }
            return Tick(value: value, label: format(value, step: step))
        }
    }

    /// Powers of ten inside `range`; adds 2x and 5x subdivisions when fewer than three decades show.
    static func logarithmicTicks(in range: ClosedRange<Double>) -> [Tick] {
        guard range.lowerBound > 0 else { return [] }
        let lowExponent = Int((log10(range.lowerBound) - 1e-9).rounded(.up))
        let highExponent = Int((log10(range.upperBound) + 1e-9).rounded(.down))
        let decadeCount = highExponent - lowExponent + 1
        var values: [Double] = []
        if decadeCount >= 3 {
            let decadesPerTick = (decadeCount + 6) / 7
            values = stride(from: lowExponent, through: highExponent, by: decadesPerTick).map { pow(10, Double($0)) }
        } else {
            let base = Int(log10(range.lowerBound).rounded(.down))
            let top = Int(log10(range.upperBound).rounded(.down))
            for exponent in base...top {
                for factor in [1.0, 2.0, 5.0] {
                    let value = factor * pow(10, Double(exponent))
                    if value >= range.lowerBound * (1 - 1e-9), value <= range.upperBound * (1 + 1e-9) { values.append(value) }
                }
            }
        }
        return values.map { Tick(value: $0, label: formatLogarithmic($0)) }
    }

    /// `value` with as many decimals as `step` needs, or in e-notation when very large or small.
    static func format(_ value: Double, step: Double) -> String {
        let value = abs(value) < step * 1e-6 ? 0 : value  // no "-0.0"
        if max(abs(value), step) >= 1e5 || step < 1e-3 {
            return value == 0 ? "0" : scientific(value)
        }
        let decimals = max(0, Int((-log10(step) - 1e-9).rounded(.up)))
        return String(format: "%.\(decimals)f", value)
    }

    /// A label for a tick on a log axis: plain for 0.01...10,000, otherwise e-notation.
    static func formatLogarithmic(_ value: Double) -> String {
        if value >= 0.01, value <= 10_000 {
            let decimals = max(0, Int((-log10(value) - 1e-9).rounded(.up)))
            return String(format: "%.\(decimals)f", value)
        }
        return scientific(value)
    }

    /// Compact e-notation such as `2e-4` or `1.5e6`.
    private static func scientific(_ value: Double) -> String {
        let exponent = Int(log10(abs(value)).rounded(.down))
        let mantissa = value / pow(10, Double(exponent))
        let mantissaText = abs(mantissa - mantissa.rounded()) < 1e-6 ? String(Int(mantissa.rounded())) : String(format: "%.1f", mantissa)
        return "\(mantissaText)e\(exponent)"
    }
}
