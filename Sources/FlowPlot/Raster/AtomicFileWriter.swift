import FlowSupport
import Foundation

/// Writes files so that readers see either the old or the complete new content, never a partial file.
enum AtomicFileWriter {
    /// Writes `data` through FlowSupport's `AtomicFile` (temporary sibling, fsync, rename), FlowLab's one atomic-write helper.
    static func write(_ data: Data, to url: URL) throws {
        try AtomicFile.write(data, to: url)
    }
}
