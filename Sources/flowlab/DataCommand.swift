import ArgumentParser

/// `flowlab data`: make, import and look at captioned-image data sets.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Render the shapes benchmark, import captioned images, and show data files as contact sheets.",
        discussion: """
        Data files are HDF5: /images uint8 [N, S, S, 3], /captions strings [N, 5] ("" where an image has \
        fewer), and for shapes /objects/{shape,color,size,cell} int32 [N, M] (-1 for no object) with the \
        name lists as root attributes. Read them from Python with h5py.

        Examples:
          flowlab data render shapes --count 20000 --split train --seed 1 --out Data/shapes-train.h5
          flowlab data render shapes --count 2000 --split test --objects 1,2 --holdout blue:triangle --out Data/shapes-test.h5
          flowlab data show Data/shapes-train.h5 --count 32 --out shapes.png
        """,
        subcommands: [DataRenderCommand.self, DataShowCommand.self]
    )
}
