import ArgumentParser
import FlowHDF5
import Foundation

/// `flowlab inspect`: the tree of an HDF5 file.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print the groups, datasets (shape, dtype) and attributes of an HDF5 file.",
        discussion: """
        Examples:
          flowlab inspect Results/modecollapse/20250101-120000-a1b2c3/checkpoint.h5
          flowlab inspect Results/modecollapse/20250101-120000-a1b2c3/metrics.h5
        """
    )

    @Argument(help: "The HDF5 file (.h5).")
    var file: String

    func run() throws {
        let hdf5 = try HDF5Input.open(file)
        defer { try? hdf5.close() }
        print(try hdf5.treeDescription(), terminator: "")
    }
}
