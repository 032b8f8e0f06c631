import ArgumentParser
import Foundation

/// `flowlab data show`: a contact sheet of a captioned-image file.
struct DataShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Draw images of a captioned-image HDF5 file in a grid, each with its first caption underneath, as a PNG.",
        discussion: """
        Reads only the rows it draws, so it is quick on large files.

        Examples:
          flowlab data show Data/shapes-train.h5 --out shapes.png
          flowlab data show Data/coco-val.h5 --count 16 --start 100 --columns 4 --out coco.png
        """
    )

    @Argument(help: "The captioned-image HDF5 file (from `flowlab data render` or `flowlab data import`).")
    var file: String

    @Option(help: "Images to show (fewer if the file has fewer).")
    var count: Int = 64

    @Option(help: "The first row to show.")
    var start: Int = 0

    @Option(help: "Images per row of the sheet.")
    var columns: Int = 8

    @Option(help: "The PNG file to write.")
    var out: String

    func run() throws {
        guard count >= 1 else { throw ValidationError("--count must be at least 1, got \(count)") }
        guard start >= 0 else { throw ValidationError("--start must not be negative, got \(start)") }
        guard columns >= 1 else { throw ValidationError("--columns must be at least 1, got \(columns)") }
        let outURL = URL(fileURLWithPath: out)
        try DataRenderCommand.requireFolder(of: outURL, option: "--out")
        try ContactSheet.write(from: URL(fileURLWithPath: file), start: start, count: count, columns: columns, to: outURL)
        print("wrote \(outURL.path)")
    }
}
