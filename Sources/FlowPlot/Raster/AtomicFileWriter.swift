import Foundation

/// Writes files so that readers see either the old or the complete new content, never a partial file.
enum AtomicFileWriter {
    /// Writes `data` to a uniquely named temporary file next to `url`, then renames it over `url`.
    static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
        } catch {
            throw PlotError("cannot write temporary file \(temporary.path) for \(url.path): \(error.localizedDescription)")
        }
        guard rename(temporary.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw PlotError("cannot rename \(temporary.path) to \(url.path): \(reason)")
        }
    }
}
