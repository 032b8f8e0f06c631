extension HDF5File {
    /// The file's groups, datasets (type, shape, storage) and attributes as indented text, like a compact `h5ls -r -v`.
    ///
    /// ```
    /// checkpoint.h5
    ///   @step = 1000
    ///   params/
    ///     net.w  float32 [64, 2]  chunks [64, 2], gzip 4
    ///   train/
    ///     loss  float64 [1200]  chunks [1024], extendable
    ///       @description = "training loss"
    /// ```
    public func treeDescription() throws -> String {
        try HDF5Library.withLock {
            _ = try requireOpen(operation: "describe tree", path: HDF5Path.root)
            var lines = [url.lastPathComponent]
            var visited = try objectAddress(HDF5Path.root, operation: "describe tree").map { Set([$0]) } ?? []
            try appendTree(of: HDF5Path.root, depth: 1, visited: &visited, to: &lines)
            return lines.joined(separator: "\n") + "\n"
        }
    }

    /// Appends the attributes of the group at `path`, then each child (groups end in "/"), indented by `depth`.
    ///
    /// A group already described (a second hard link to it, or a link back to an enclosing group, which would
    /// otherwise recurse forever) is named but not descended into; a dangling soft link is shown as such.
    private func appendTree(of path: String, depth: Int, visited: inout Set<UInt64>, to lines: inout [String]) throws {
        let indent = String(repeating: "  ", count: depth)
        try appendAttributes(of: path, indent: indent, to: &lines)
        for name in try children(of: path) {
            let childPath = HDF5Path.joined(path, name)
            guard let childKind = try objectKindIfPresent(childPath, operation: "describe tree") else {
                lines.append(indent + name + "  (dangling link: its target does not exist)")
                continue
            }
            switch childKind {
            case .group:
                if let address = try objectAddress(childPath, operation: "describe tree"), !visited.insert(address).inserted {
                    lines.append(indent + name + "/  (another link to a group shown above; not repeated)")
                    continue
                }
                lines.append(indent + name + "/")
                try appendTree(of: childPath, depth: depth + 1, visited: &visited, to: &lines)
            case .dataset:
                lines.append(indent + name + "  " + Self.summary(of: try datasetInfo(childPath)))
                try appendAttributes(of: childPath, indent: indent + "  ", to: &lines)
            case .namedDataType:
                lines.append(indent + name + "  (named datatype)")
            }
        }
    }

    /// Appends one "@name = value" line per attribute of the object at `path`.
    private func appendAttributes(of path: String, indent: String, to lines: inout [String]) throws {
        for name in try attributeNames(at: path) {
            let value: String
            do {
                value = try attribute(name, at: path).description
            } catch let error as HDF5Error where error.kind == .typeMismatch {
                value = "(unsupported type)"
            }
            lines.append(indent + "@" + name + " = " + value)
        }
    }

    /// "float32 [64, 2]  chunks [64, 2], gzip 4": type, shape ("scalar" for 0-d) and storage details.
    private static func summary(of info: HDF5DatasetInfo) -> String {
        let shape = info.shape.isEmpty ? "scalar" : "[" + info.shape.map(String.init).joined(separator: ", ") + "]"
        var storage: [String] = []
        if let chunkShape = info.chunkShape { storage.append("chunks [" + chunkShape.map(String.init).joined(separator: ", ") + "]") }
        if let level = info.compressionLevel { storage.append("gzip \(level)") }
        if info.isExtendable { storage.append("extendable") }
        return "\(info.dataType) \(shape)" + (storage.isEmpty ? "" : "  " + storage.joined(separator: ", "))
    }
}
