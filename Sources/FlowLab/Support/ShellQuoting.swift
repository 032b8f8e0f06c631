import Foundation

/// Quoting for POSIX shell scripts.
public enum ShellQuoting {
    /// `word` unchanged when it only has safe characters, otherwise wrapped in single quotes (with `'` written as `'\''`).
    public static func quote(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+./:=@%,")
        if !word.isEmpty, word.allSatisfy(safe.contains) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
