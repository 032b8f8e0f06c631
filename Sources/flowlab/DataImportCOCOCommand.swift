import ArgumentParser
import FlowData
import Foundation

/// `flowlab data import coco`: a COCO-style captions JSON plus its image folder.
struct DataImportCOCOCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coco",
        abstract: "Import a COCO-style captions set: a JSON with `images` [{id, file_name}] and `annotations` [{image_id, caption}].",
        discussion: """
        Images are taken in the order of `images`; an image's captions in annotation order (at most 5). \
        An annotation for an image id missing from `images`, a listed image whose file is missing \
        (unless --skip-unreadable) or an unreadable JSON stops the import with the JSON key at fault; \
        images without captions are skipped and counted.

        Examples:
          flowlab data import coco --images coco/val2017 --captions coco/annotations/captions_val2017.json --size 64 --out Data/coco-val-64.h5
          flowlab data import coco --images coco/train2017 --captions coco/annotations/captions_train2017.json --size 32 --skip-unreadable --threads 8 --out Data/coco-train-32.h5
        """
    )

    @Option(help: "The folder the `file_name`s of the JSON are relative to.")
    var images: String

    @Option(help: "The captions JSON.")
    var captions: String

    @OptionGroup var options: DataImportOptions

    func run() throws {
        let importOptions = try options.importOptions()
        let listing: (items: [ImageImportItem], summary: ImportSummary)
        do {
            listing = try COCOCaptionsImporter(imagesFolder: URL(fileURLWithPath: images), captionsFile: URL(fileURLWithPath: captions))
                .items(options: importOptions)
        } catch let error as DataError {
            throw InputError(error.description)
        }
        try options.write(listing, source: "coco", options: importOptions)
    }
}
