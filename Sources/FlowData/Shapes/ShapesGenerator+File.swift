import Dispatch
import FlowTensor
import Foundation

extension ShapesGenerator {
    /// Records `range` rendered in parallel on `ComputeThreads.count` threads, in index order (bytes independent of threads).
    public func records(_ range: Range<Int>) -> [CaptionedImageRecord] {
        let threads = max(1, min(ComputeThreads.count, range.count / 8))
        guard threads > 1 else { return range.map(record(at:)) }
        final class Slots: @unchecked Sendable {
            var records: [CaptionedImageRecord?]
            init(_ count: Int) { records = Array(repeating: nil, count: count) }
        }
        let slots = Slots(range.count)
        let perThread = (range.count + threads - 1) / threads
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            let start = thread * perThread
            for offset in start..<min(range.count, start + perThread) {
                slots.records[offset] = record(at: range.lowerBound + offset)  // disjoint slots per thread
            }
        }
        return slots.records.map { $0! }
    }

    /// Renders images `0..<count` into a captioned-image file at `url`, atomically, in chunks.
    ///
    /// `progress` is called with the number of images written after each chunk. Throws a `DataError`
    /// for a count below 1; nothing is left at `url` when anything fails.
    public func writeFile(to url: URL, count: Int, progress: (Int) -> Void = { _ in }) throws {
        guard count >= 1 else { throw DataError("image count \(count) must be at least 1", key: "count") }
        let maximumObjects = configuration.objectCounts.max()!
        try CaptionedImageFileWriter.write(to: url, imageSize: configuration.imageSize, maximumObjects: maximumObjects,
                                           attributes: fileAttributes) { writer in
            var start = 0
            while start < count {
                let end = min(count, start + 4 * writer.chunkRows)
                for record in records(start..<end) { try writer.append(record) }
                start = end
                progress(start)
            }
        }
    }
}
