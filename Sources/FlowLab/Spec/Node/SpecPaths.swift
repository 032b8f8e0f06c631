import Foundation

/// Path arithmetic for `extends:` that keeps paths as readable as the user wrote them.
enum SpecPaths {
    /// `reference` resolved against the folder of `file`, normalised lexically (`a/./b/../c` is `a/c`).
    static func resolve(_ reference: String, relativeTo file: String) -> String {
        if reference.hasPrefix("/") { return normalize(reference) }
        let folder = (file as NSString).deletingLastPathComponent
        return normalize(folder.isEmpty ? reference : folder + "/" + reference)
    }

    /// A lexically normalised path: no `.` components, `..` folded where possible.
    static func normalize(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [String] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
            } else if part == "..", absolute {
                continue
            } else {
                parts.append(part)
            }
        }
        let joined = parts.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// The absolute, symlink-resolved path, used to detect `extends` cycles.
    static func identity(of path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
