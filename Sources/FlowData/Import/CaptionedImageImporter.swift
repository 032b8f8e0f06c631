import Dispatch
import FlowHDF5
import FlowImages
import Foundation

/// Writes image files and their captions into one captioned-image HDF5 file (see `CaptionedImageFileLayout`).
///
/// Images are decoded and resized in parallel batches, written in item order, chunk by chunk, so a
/// large import never holds the whole data set in memory. The file is written atomically: when
/// anything fails (or nothing could be imported) no file is left at the destination.
///
///     let importer = CaptionedImageImporter(options: ImageImportOptions(imageSize: 64), source: "folder")
///     let summary = try importer.write(items, to: URL(fileURLWithPath: "clipart.h5")) { done, total in print(done, total) }
///     print(summary)  // imported 118 images; skipped 0
public struct CaptionedImageImporter: Sendable {
    /// Size, background, skipping and threads.
    public let options: ImageImportOptions
    /// The root attribute `source` (e.g. `coco`, `folder`) and any others to store.
    public let attributes: [String: HDF5AttributeValue]

    /// Creates an importer; `source` is stored as the root attribute `source`.
    public init(options: ImageImportOptions, source: String, attributes: [String: HDF5AttributeValue] = [:]) {
        self.options = options
        self.attributes = attributes.merging(["source": .string(source)], uniquingKeysWith: { first, _ in first })
    }

    /// Imports `items` into `url`, starting from `summary` (skips counted while listing), reporting `progress(done, total)`.
    ///
    /// Throws a `DataError` naming the file for an unreadable image (unless `options.skipUnreadable`), and
    /// when no image at all could be imported.
    public func write(_ items: [ImageImportItem], to url: URL, summary initial: ImportSummary = ImportSummary(),
                      progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) throws -> ImportSummary {
        guard !items.isEmpty else { throw DataError("there are no images to import", location: url.path) }
        var summary = initial
        let preparation = ImagePreparation(options: options)
        let batchSize = max(32, options.threads * 8)
        try CaptionedImageFileWriter.write(to: url, imageSize: options.imageSize, attributes: attributes) { writer in
            var start = 0
            while start < items.count {
                let batch = Array(items[start..<min(items.count, start + batchSize)])
                for (item, outcome) in zip(batch, prepare(batch, with: preparation)) {
                    switch outcome {
                    case .success(let prepared):
                        var captions = captions(for: item, embedded: prepared.text)
                        guard !captions.isEmpty else {
                            summary.skip("without captions", example: "\(item.imageURL.path): no caption")
                            continue
                        }
                        let limit = CaptionedImageFileLayout.captionsPerImage
                        if captions.count > limit {
                            summary.droppedCaptionCount += captions.count - limit
                            captions.removeLast(captions.count - limit)
                        }
                        try writer.append(CaptionedImageRecord(pixels: prepared.pixels, captions: captions))
                        summary.importedCount += 1
                    case .failure(let error):
                        guard options.skipUnreadable else {
                            throw DataError("\(Self.reason(error)) (pass --skip-unreadable to skip such files and count them)",
                                            location: item.imageURL.path)
                        }
                        summary.skip("unreadable image", example: "\(error)")
                    }
                }
                start += batch.count
                progress(start, items.count)
            }
            guard summary.importedCount > 0 else {
                throw DataError("no image could be imported: \(summary)", location: url.path)
            }
        }
        return summary
    }

    /// The captions of `item`: given, else the PNG's own title/description, else its path words.
    private func captions(for item: ImageImportItem, embedded text: [String: String]) -> [String] {
        switch item.captions {
        case .given(let captions):
            return captions
        case .embeddedOrPathWords(let relativePath):
            let embedded = CaptionText.embeddedCaptions(text)
            if !embedded.isEmpty { return embedded }
            let words = CaptionText.pathWords(relativePath)
            return words.isEmpty ? [] : [words]
        }
    }

    /// Decodes and resizes `batch` on `options.threads` threads; results in batch order.
    private func prepare(_ batch: [ImageImportItem], with preparation: ImagePreparation)
        -> [Result<(pixels: [UInt8], text: [String: String]), Error>] {
        final class Slots: @unchecked Sendable {
            var results: [Result<(pixels: [UInt8], text: [String: String]), Error>?]
            init(_ count: Int) { results = Array(repeating: nil, count: count) }
        }
        let slots = Slots(batch.count)
        let threads = max(1, min(options.threads, batch.count))
        let perThread = (batch.count + threads - 1) / threads
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in thread * perThread..<min(batch.count, (thread + 1) * perThread) {
                slots.results[index] = Result { try preparation.prepare(batch[index].imageURL) }  // disjoint slots per thread
            }
        }
        return slots.results.map { $0! }
    }

    /// An image error's message without repeating the file name the `DataError` already carries.
    private static func reason(_ error: Error) -> String {
        if let imageError = error as? ImageError { return imageError.message }
        return "\(error)"
    }
}
