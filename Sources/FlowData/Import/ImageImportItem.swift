import Foundation

/// One image to import and where its captions come from.
public struct ImageImportItem: Sendable, Equatable {
    /// Where the item's captions come from.
    public enum Captions: Sendable, Equatable {
        /// Known already (COCO annotations, a sidecar `.txt`).
        case given([String])
        /// From the image's own PNG `Title` / `Description` text, else from these words of its path.
        case embeddedOrPathWords(String)
    }

    /// The image file.
    public let imageURL: URL
    /// Its captions.
    public let captions: Captions

    /// Creates an item.
    public init(imageURL: URL, captions: Captions) {
        self.imageURL = imageURL
        self.captions = captions
    }
}
