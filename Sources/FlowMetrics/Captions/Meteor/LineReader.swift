import Foundation

/// Reads `\n`-terminated UTF-8 lines from a pipe, blocking until each line is complete.
struct LineReader {
    let handle: FileHandle
    private var buffer = Data()
    private var finished = false

    init(handle: FileHandle) {
        self.handle = handle
    }

    /// The next line without its terminator, or `nil` at end of stream.
    mutating func nextLine() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                return String(decoding: line, as: UTF8.self)
            }
            if finished {
                guard !buffer.isEmpty else { return nil }
                defer { buffer.removeAll() }
                return String(decoding: buffer, as: UTF8.self)
            }
            let chunk = handle.availableData
            if chunk.isEmpty { finished = true } else { buffer.append(chunk) }
        }
    }
}
