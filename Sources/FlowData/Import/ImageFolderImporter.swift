import FlowImages
import Foundation

/// Lists every PNG and JPEG under a folder (recursively, sorted by path) with its captions.
///
/// Captions, first source that has any: a sidecar text file next to the image (`cat.png` -> `cat.txt`,
/// one caption per line, UTF-8), the PNG's `Title` and `Description` text chunks, or the words of the
/// file name (`black_cat-02.png` -> "black cat"). Hidden files and folders are ignored, and a file reached
/// through several symbolic links is imported once. An empty folder
/// is an error; a sidecar that is not UTF-8 is an error naming its line (a counted skip with `skipUnreadable`).
///
///     // apt-get install openclipart-png: about 8,000 titled clip-art PNGs
///     let listing = try ImageFolderImporter(root: URL(fileURLWithPath: "/usr/share/openclipart/png")).items(options: options)
public struct ImageFolderImporter: Sendable {
    /// The folder searched.
    public let root: URL

    /// Creates a lister for the images under `root`.
    public init(root: URL) {
        self.root = root
    }

    /// The items to import and the skips found while listing.
    public func items(options: ImageImportOptions) throws -> (items: [ImageImportItem], summary: ImportSummary) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw DataError("is not a folder", location: root.path)
        }
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else {
            throw DataError("cannot list the folder", location: root.path)
        }
        let rootPath = root.standardizedFileURL.path
        var images: [(relative: String, url: URL)] = []
        for case let url as URL in enumerator where ImageFormat(fileExtension: url.pathExtension) != nil {
            let path = url.standardizedFileURL.path
            let relative = path.hasPrefix(rootPath + "/") ? String(path.dropFirst(rootPath.count + 1)) : url.lastPathComponent
            images.append((relative, url))
        }
        // Path order; a file reached again through a symbolic link (openclipart-png files one picture under
        // several categories that way) is kept once, at its first path.
        images.sort { $0.relative < $1.relative }
        var seen = Set<String>()
        images = images.filter { image in
            let target = image.url.resolvingSymlinksInPath()
            guard (try? target.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true else { return false }
            return seen.insert(target.standardizedFileURL.path).inserted
        }
        guard !images.isEmpty else {
            throw DataError("contains no PNG or JPEG files (looked for .png, .jpg, .jpeg, .jpe in all subfolders)", location: root.path)
        }

        var summary = ImportSummary()
        var items: [ImageImportItem] = []
        for image in images {
            let sidecar = image.url.deletingPathExtension().appendingPathExtension("txt")
            guard FileManager.default.fileExists(atPath: sidecar.path) else {
                items.append(ImageImportItem(imageURL: image.url, captions: .embeddedOrPathWords(image.relative)))
                continue
            }
            do {
                let data: Data
                do {
                    data = try Data(contentsOf: sidecar)
                } catch {
                    throw DataError("cannot read the caption file: \(error.localizedDescription)", location: sidecar.path)
                }
                let captions = try CaptionText.sidecarCaptions(data, path: sidecar.path)
                items.append(ImageImportItem(imageURL: image.url,
                                             captions: captions.isEmpty ? .embeddedOrPathWords(image.relative) : .given(captions)))
            } catch let error as DataError {
                guard options.skipUnreadable else { throw error }
                summary.skip("unreadable caption file", example: error.description)
            }
        }
        return (items, summary)
    }
}
