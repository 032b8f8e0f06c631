import ArgumentParser
import FlowData
import Foundation

/// `flowlab data import folder`: every PNG and JPEG under a folder, captioned by sidecar text, PNG title or file name.
struct DataImportFolderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folder",
        abstract: "Import every PNG/JPEG under a folder, captioned by a sidecar .txt, the PNG Title/Description, or the file name.",
        discussion: """
        Files are taken in path order. Captions come from the first source that has any: `name.txt` next \
        to `name.png` (one caption per line, UTF-8), the PNG's Title and Description text chunks, or the \
        words of the file name (`black_cat-02.png` -> "black cat").

        Real-data example on Debian/Ubuntu: `sudo apt-get install openclipart-png` installs about 8,000 \
        titled clip-art PNGs under /usr/share/openclipart/png (transparent, so --background matters).

        Examples:
          flowlab data import folder --root /usr/share/openclipart/png --size 64 --skip-unreadable --out Data/openclipart-64.h5
          flowlab data import folder --root photos --size 32 --background 000000 --out Data/photos-32.h5
        """
    )

    @Option(help: "The folder searched (recursively) for .png, .jpg and .jpeg files.")
    var root: String

    @OptionGroup var options: DataImportOptions

    func run() throws {
        let importOptions = try options.importOptions()
        let listing: (items: [ImageImportItem], summary: ImportSummary)
        do {
            listing = try ImageFolderImporter(root: URL(fileURLWithPath: root)).items(options: importOptions)
        } catch let error as DataError {
            throw InputError(error.description)
        }
        try options.write(listing, source: "folder", options: importOptions)
    }
}
