import Foundation

/// The best and the median of repeated timings, in milliseconds.
struct TimingSummary {
    let best: Double
    let median: Double

    init(_ times: [Double]) {
        precondition(!times.isEmpty, "TimingSummary needs at least one timing")
        let sorted = times.sorted()
        best = sorted[0]
        median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

/// The 1-minute load average, or nil where the system does not report it.
func loadAverage() -> Double? {
    var values = [Double](repeating: 0, count: 1)
    return getloadavg(&values, 1) == 1 ? values[0] : nil
}
