import ArgumentParser
import FlowHDF5
import Foundation

/// `flowlab inspect`: the tree of an HDF5 file, and the values of its datasets.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the groups, datasets (shape, dtype) and attributes of an HDF5 file, or dataset values.",
        discussion: """
        With a PATH, prints the values of that dataset (or of every dataset in that group), laid out as \
        NumPy prints arrays (long arrays shortened to their first and last entries). With --values, \
        prints the tree followed by the values of every dataset.

        Examples:
          flowlab inspect Results/modecollapse/20250101-120000-a1b2c3/checkpoint.h5
          flowlab inspect Results/modecollapse/20250101-120000-a1b2c3/metrics.h5 /eval/crossflows/label_tv
          flowlab inspect Results/modecollapse/20250101-120000-a1b2c3/metrics.h5 /train/crossflows/loss
          flowlab inspect --values Results/modecollapse/20250101-120000-a1b2c3/metrics.h5
        """
    )

    @Argument(help: "The HDF5 file (.h5).")
    var file: String

    @Argument(help: "A dataset or group in the file whose values to print, e.g. /eval/crossflows/label_tv.")
    var path: String?

    @Flag(help: "Print the values of every dataset after the tree.")
    var values = false

    func run() throws {
        let hdf5 = try HDF5Input.open(file)
        defer { try? hdf5.close() }
        if let path {
            guard try hdf5.exists(path) else { throw InputError("\(file): no object '\(path)'") }
            let datasets = try hdf5.kind(of: path) == .dataset ? [path] : try hdf5.datasetPaths(under: path)
            print(try datasets.map { try DatasetValueText.text(of: hdf5, at: $0) }.joined(), terminator: "")
            return
        }
        print(try hdf5.treeDescription(), terminator: "")
        if values {
            for dataset in try hdf5.datasetPaths() {
                print(try DatasetValueText.text(of: hdf5, at: dataset), terminator: "")
            }
        }
    }
}
