/// Object paths inside an HDF5 file: always absolute, `/`-separated, without empty components.
enum HDF5Path {
    /// The root group's path.
    static let root = "/"

    /// The components of `path` ("/a//b/" gives ["a", "b"]); nil when a component is "." or "..".
    static func components(of path: String) -> [String]? {
        let components = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        if components.contains(where: { $0 == "." || $0 == ".." }) { return nil }
        return components
    }

    /// The canonical absolute form of `path` ("a/b/" gives "/a/b"); nil when it contains "." or "..".
    static func normalized(_ path: String) -> String? {
        components(of: path).map { "/" + $0.joined(separator: "/") }
    }

    /// The path of the group holding `path` ("/a/b" gives "/a"; the root's parent is the root).
    static func parent(of path: String) -> String {
        let components = components(of: path) ?? []
        return "/" + components.dropLast().joined(separator: "/")
    }

    /// The last component of `path`, or "/" for the root.
    static func name(of path: String) -> String {
        components(of: path)?.last ?? root
    }

    /// `name` inside the group at `group`.
    static func joined(_ group: String, _ name: String) -> String {
        group == root ? "/" + name : group + "/" + name
    }
}
