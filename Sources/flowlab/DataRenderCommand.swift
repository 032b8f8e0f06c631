import ArgumentParser
import FlowData
import FlowLab
import FlowTensor
import Foundation

/// `flowlab data render shapes`: renders a split of the procedural shapes benchmark into an HDF5 file.
struct DataRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a split of the procedural shapes benchmark (images, 5 captions each, ground-truth scenes) to HDF5.",
        discussion: """
        Image i of a split depends only on the settings, the seed, the split and i: the same command gives \
        the same bytes on every machine and any thread count. Splits are disjoint by construction (every \
        possible image belongs to exactly one split); held-out colour:shape pairs never appear in train or \
        val and appear in test, which draws every pair uniformly. The file is written atomically: on any \
        error nothing is left at --out.

        Examples:
          flowlab data render shapes --count 20000 --split train --seed 1 --out Data/shapes-train.h5 --preview train.png
          flowlab data render shapes --count 2000 --split val --seed 1 --out Data/shapes-val.h5
          flowlab data render shapes --count 2000 --split test --objects 1,2 --holdout blue:triangle,red:square --out Data/shapes-test.h5
          flowlab data render shapes --count 20000 --imbalance 1.2 --size 16 --out Data/shapes-longtail.h5
        """
    )

    @Argument(help: "The data set to render (only 'shapes').")
    var dataset: String

    @Option(help: "Images to render (default: 20000 for train, 2000 for val and test).")
    var count: Int?

    @Option(help: "Image side in pixels: 16, 32 or 64.")
    var size: Int = 32

    @Option(help: "Seed of every random choice.")
    var seed: UInt64 = 0

    @Option(help: "The split: train, val or test.")
    var split: String = "train"

    @Option(help: "Objects per image: 1, 2, or 1,2 for both.")
    var objects: String = "1"

    @Option(help: "Colour:shape pairs kept out of train and val, comma-separated (e.g. blue:triangle,red:square).")
    var holdout: String = ""

    @Option(help: "Zipf exponent over colour x shape pairs in train and val (0 = uniform, at most 4).")
    var imbalance: Double = 0

    @Option(help: "The HDF5 file to write.")
    var out: String

    @Option(help: "Also write a contact sheet of the first 32 images to this PNG.")
    var preview: String?

    @Option(help: "Rendering threads (default: all cores).")
    var threads: Int?

    @Flag(help: "Print no progress.")
    var quiet = false

    func run() throws {
        guard dataset == "shapes" else {
            throw ValidationError("unknown data set '\(dataset)'; `flowlab data render` makes: shapes (use `flowlab data import` for real data)")
        }
        guard let shapesSplit = ShapesSplit(rawValue: split) else {
            throw ValidationError("--split must be train, val or test, not '\(split)'")
        }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
        let count = count ?? (shapesSplit == .train ? 20_000 : 2_000)
        guard count >= 1 else { throw ValidationError("--count must be at least 1, got \(count)") }
        let objectCounts = try objects.split(separator: ",").map { part -> Int in
            guard let value = Int(part.trimmingCharacters(in: .whitespaces)) else {
                throw ValidationError("--objects must be 1, 2 or 1,2, not '\(objects)'")
            }
            return value
        }
        let held = try holdout.split(separator: ",").map { try ShapeComposition(parsing: String($0)) }
        let configuration = try ShapesConfiguration(imageSize: size, objectCounts: objectCounts, imbalance: imbalance,
                                                    holdout: held, seed: seed)
        let outURL = URL(fileURLWithPath: out)
        let previewURL = preview.map { URL(fileURLWithPath: $0) }
        try Self.requireFolder(of: outURL, option: "--out")
        if let previewURL { try Self.requireFolder(of: previewURL, option: "--preview") }
        if let threads { ComputeThreads.set(threads) }

        let generator = ShapesGenerator(configuration: configuration, split: shapesSplit)
        let progress = ProgressReporter(mode: ProgressReporter.automaticMode(quiet: quiet, plainEvery: 1))
        let label = "shapes \(split)"
        progress.start(label: label, totalSteps: count, samplesPerStep: 1)
        try generator.writeFile(to: outURL, count: count) { done in
            progress.update(label: label, step: done, loss: nil)
        }
        progress.finish(label: label)
        if let previewURL {
            try ContactSheet.write(from: outURL, count: 32, to: previewURL)
        }
        if !quiet {
            print("wrote \(count) images (\(size) px, split \(split), seed \(seed)) to \(out)" + (preview.map { ", preview \($0)" } ?? ""))
        }
    }

    /// Throws when the folder a file should go into does not exist, before any work starts.
    static func requireFolder(of url: URL, option: String) throws {
        var isFolder: ObjCBool = false
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw ValidationError("\(option): the folder '\(folder.path)' does not exist")
        }
    }
}
