import ArgumentParser
import FlowData
import FlowImages
import FlowLab
import Foundation

/// The options every `flowlab data import` source shares: size, output, background, skipping, threads.
struct DataImportOptions: ParsableArguments {
    @Option(help: "Side of the stored square images in pixels (1...1024).")
    var size: Int

    @Option(help: "The HDF5 file to write.")
    var out: String

    @Option(help: "Colour transparent pixels are composited onto, as rrggbb hexadecimal.")
    var background: String = "ffffff"

    @Flag(help: "Skip unreadable images and caption files (counted in the summary) instead of stopping at the first.")
    var skipUnreadable = false

    @Option(help: "Decoding threads (default: all cores).")
    var threads: Int?

    @Flag(help: "Print no progress.")
    var quiet = false

    /// The importer options, after checking every value (before any work starts).
    func importOptions() throws -> ImageImportOptions {
        guard (1...CaptionedImageFileLayout.maximumImageSize).contains(size) else {
            throw ValidationError("--size must be in 1...\(CaptionedImageFileLayout.maximumImageSize), got \(size)")
        }
        guard let color = RGBColor(hexadecimal: background) else {
            throw ValidationError("--background must be rrggbb hexadecimal (e.g. ffffff), got '\(background)'")
        }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
        try DataRenderCommand.requireFolder(of: URL(fileURLWithPath: out), option: "--out")
        return ImageImportOptions(imageSize: size, background: color, skipUnreadable: skipUnreadable,
                                  threads: threads ?? ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Imports `listing` with a progress line, then prints the summary (and the first skipped files).
    func write(_ listing: (items: [ImageImportItem], summary: ImportSummary), source: String, options: ImageImportOptions) throws {
        let progress = ProgressReporter(mode: ProgressReporter.automaticMode(quiet: quiet, plainEvery: 1_000))
        let label = "import \(source)"
        progress.start(label: label, totalSteps: listing.items.count, samplesPerStep: 1)
        let importer = CaptionedImageImporter(options: options, source: source)
        let summary: ImportSummary
        do {
            summary = try importer.write(listing.items, to: URL(fileURLWithPath: out), summary: listing.summary) { done, _ in
                progress.update(label: label, step: done, loss: nil)
            }
        } catch let error as DataError {
            progress.finish(label: label)
            throw InputError(error.description)
        }
        progress.finish(label: label)
        if !quiet {
            for example in summary.skippedExamples { print("skipped: \(example)") }
            if summary.skippedCount > summary.skippedExamples.count {
                print("skipped: ... and \(summary.skippedCount - summary.skippedExamples.count) more")
            }
        }
        print("\(summary) -> \(out) (\(size) x \(size) px)")
    }
}
