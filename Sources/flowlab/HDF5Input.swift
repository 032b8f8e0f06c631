import FlowHDF5
import Foundation

/// Opening HDF5 files named on the command line, with one-line errors for the usual mistakes.
enum HDF5Input {
    /// Opens `path` read-only; a missing file, a folder or a non-HDF5 file is an `InputError` naming `path`.
    static func open(_ path: String) throws -> HDF5File {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw InputError("\(path): no such file")
        }
        guard !isFolder.boolValue else {
            throw InputError("\(path): is a folder, not an HDF5 file")
        }
        do {
            return try HDF5File.open(URL(fileURLWithPath: path))
        } catch let error as HDF5Error where error.kind == .notHDF5File {
            throw InputError("\(path): not an HDF5 file")
        }
    }

    /// `"/a, /b, /c"`, or the first `limit` paths and how many more, for messages that list a file's datasets.
    static func listing(_ paths: [String], limit: Int = 8) -> String {
        guard !paths.isEmpty else { return "none" }
        let shown = paths.prefix(limit).joined(separator: ", ")
        return paths.count > limit ? shown + ", ... (\(paths.count) in all)" : shown
    }
}
