import Foundation

/// Lists the images of a COCO-style captions set: a captions JSON plus the folder its `file_name`s are in.
///
/// Captions are grouped by `image_id` in annotation order (whitespace normalised); images are listed
/// in the order of `images`. An annotation whose `image_id` is not in `images`, a duplicate image id,
/// or a listed image whose file is missing is an error naming the JSON entry (a missing file is a
/// counted skip with `skipUnreadable`); images without any caption are skipped and counted.
///
///     let listing = try COCOCaptionsImporter(imagesFolder: URL(fileURLWithPath: "val2017"),
///                                            captionsFile: URL(fileURLWithPath: "captions_val2017.json")).items(options: options)
///     let summary = try CaptionedImageImporter(options: options, source: "coco").write(listing.items, to: out, summary: listing.summary)
public struct COCOCaptionsImporter: Sendable {
    /// The folder holding the images.
    public let imagesFolder: URL
    /// The captions JSON.
    public let captionsFile: URL

    /// Creates a lister for `captionsFile` with images under `imagesFolder`.
    public init(imagesFolder: URL, captionsFile: URL) {
        self.imagesFolder = imagesFolder
        self.captionsFile = captionsFile
    }

    /// The items to import and the skips found while listing.
    public func items(options: ImageImportOptions) throws -> (items: [ImageImportItem], summary: ImportSummary) {
        let file = try COCOCaptionsFile.load(captionsFile)
        var fileNames: [Int: String] = [:]
        for (index, image) in file.images.enumerated() {
            guard fileNames.updateValue(image.file_name, forKey: image.id) == nil else {
                throw DataError("image id \(image.id) appears twice", location: captionsFile.path, key: "images[\(index)].id")
            }
        }
        var captions: [Int: [String]] = [:]
        for (index, annotation) in file.annotations.enumerated() {
            guard fileNames[annotation.image_id] != nil else {
                throw DataError("annotation for image_id \(annotation.image_id), which is not listed in `images`",
                                location: captionsFile.path, key: "annotations[\(index)].image_id")
            }
            guard !annotation.caption.contains("\u{0}") else {
                throw DataError("caption contains a NUL character", location: captionsFile.path, key: "annotations[\(index)].caption")
            }
            let caption = CaptionText.normalized(annotation.caption)
            if !caption.isEmpty { captions[annotation.image_id, default: []].append(caption) }
        }
        var summary = ImportSummary()
        var items: [ImageImportItem] = []
        for (index, image) in file.images.enumerated() {
            guard let imageCaptions = captions[image.id] else {
                summary.skip("without captions", example: "\(image.file_name): no annotation")
                continue
            }
            let url = imagesFolder.appendingPathComponent(image.file_name)
            guard FileManager.default.isReadableFile(atPath: url.path) else {
                guard options.skipUnreadable else {
                    throw DataError("the image file \(url.path) does not exist or cannot be read", location: captionsFile.path,
                                    key: "images[\(index)].file_name")
                }
                summary.skip("missing image file", example: "\(url.path): missing")
                continue
            }
            items.append(ImageImportItem(imageURL: url, captions: .given(imageCaptions)))
        }
        guard !items.isEmpty else {
            throw DataError("no image has both a caption and a readable file under \(imagesFolder.path): \(summary)",
                            location: captionsFile.path)
        }
        return (items, summary)
    }
}
