import FlowSupport
import Foundation

/// Formats dates as `YYYYMMDD-HHMMSS`, the readable prefix of run and sweep ids.
enum CompactTimestamp {
    /// `date` as `YYYYMMDD-HHMMSS` in `timeZone`.
    static func string(from date: Date, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func padded(_ value: Int?, _ width: Int) -> String {
            let text = String(value ?? 0)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return padded(parts.year, 4) + padded(parts.month, 2) + padded(parts.day, 2) + "-"
            + padded(parts.hour, 2) + padded(parts.minute, 2) + padded(parts.second, 2)
    }

    /// `YYYYMMDD-HHMMSS-<first 6 hex digits of SHA-256(text)>`.
    static func identifier(date: Date, timeZone: TimeZone, hashing text: String) -> String {
        string(from: date, timeZone: timeZone) + "-" + SHA256Digest.hex(of: text).prefix(6)
    }

}
