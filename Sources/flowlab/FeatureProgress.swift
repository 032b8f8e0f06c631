import Foundation

/// Progress of a long feature extraction on standard error: one line per update with images/s and ETA,
/// rewritten in place on a terminal, plain lines (about every 10%) in a pipe or log.
struct FeatureProgress {
    private let label: String
    private let total: Int
    private let start = Date()
    private let isTerminal = isatty(STDERR_FILENO) != 0
    private var lastPrintedTenth = -1

    init(label: String, total: Int) {
        self.label = label
        self.total = total
    }

    /// Reports `done` of `total` images finished.
    mutating func update(_ done: Int) {
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let remaining = rate > 0 ? Double(total - done) / rate : 0
        let line = String(format: "%@: %d/%d images  %.2f images/s  ETA %@", label, done, total, rate,
                          Self.duration(remaining))
        if isTerminal {
            FileHandle.standardError.write(Data(("\r" + line + (done == total ? "\n" : "")).utf8))
        } else {
            let tenth = total > 0 ? done * 10 / total : 10
            guard tenth != lastPrintedTenth else { return }
            lastPrintedTenth = tenth
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole)s"
    }
}
