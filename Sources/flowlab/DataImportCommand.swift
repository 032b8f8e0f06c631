import ArgumentParser

/// `flowlab data import`: real captioned images into a data file.
struct DataImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import real captioned images (a COCO-style captions set or a folder of images) into an HDF5 data file.",
        discussion: """
        Images (PNG or JPEG, through libpng and libjpeg-turbo) are composited onto --background when \
        transparent, centre-cropped to a square and resized to --size with PIL's antialiased BICUBIC; \
        up to 5 captions per image are kept. The output has the layout of `flowlab data render`: \
        /images uint8 [N, S, S, 3], /captions strings [N, 5]. It is written atomically: on any error \
        nothing is left at --out. The last line summarises what was imported and skipped.

        Examples:
          flowlab data import coco --images coco/val2017 --captions coco/annotations/captions_val2017.json --size 64 --out Data/coco-val-64.h5
          flowlab data import folder --root /usr/share/openclipart/png --size 64 --skip-unreadable --out Data/openclipart-64.h5
        """,
        subcommands: [DataImportCOCOCommand.self, DataImportFolderCommand.self]
    )
}
