import CHDF5

extension HDF5File {
    /// Creates the group at `path` and any missing parents ("a/b/c" creates a, a/b, a/b/c); does nothing if it exists.
    public func createGroup(_ path: String) throws {
        try HDF5Library.withLock {
            let operation = "create group"
            let fileID = try requireWritable(operation: operation, path: path)
            let path = try normalizedPath(path, operation: operation)
            if try objectKindIfPresent(path, operation: operation) != nil {
                try requireKind(.group, at: path, operation: operation)
                return
            }
            let linkList = try makeLinkCreationList(operation: operation, path: path)
            defer { H5Pclose(linkList) }
            let groupID = try check(H5Gcreate2(fileID, path, linkList, flowlab_h5p_default(), flowlab_h5p_default()),
                                    operation: operation, path: path)
            H5Gclose(groupID)
        }
    }

    /// Whether a group or dataset exists at `path` (the root "/" always does).
    public func exists(_ path: String) throws -> Bool {
        try HDF5Library.withLock {
            let operation = "check existence"
            let path = try normalizedPath(path, operation: operation)
            return try objectKindIfPresent(path, operation: operation) != nil
        }
    }

    /// What `path` names: a group or a dataset. Throws `.objectNotFound` when nothing is there.
    public func kind(of path: String) throws -> HDF5ObjectKind {
        try HDF5Library.withLock {
            let operation = "get object kind"
            let path = try normalizedPath(path, operation: operation)
            guard let kind = try objectKindIfPresent(path, operation: operation) else {
                throw error(.objectNotFound, "no group or dataset at this path", operation: operation, path: path)
            }
            return kind
        }
    }

    /// The names (not paths) of the links directly inside the group at `path`, sorted by name.
    public func children(of path: String = "/") throws -> [String] {
        try HDF5Library.withLock {
            let operation = "list group"
            let path = try normalizedPath(path, operation: operation)
            let groupID = try openGroup(path, operation: operation)
            defer { H5Gclose(groupID) }
            var info = H5G_info_t()
            try check(H5Gget_info(groupID, &info), operation: operation, path: path)
            return try (0..<info.nlinks).map { index in
                try linkName(in: groupID, at: index, operation: operation, path: path)
            }
        }
    }

    /// The full paths of all datasets below the group at `path`, at any depth, sorted.
    ///
    /// Each group is visited once, so hard-link cycles end; dangling soft links are skipped.
    public func datasetPaths(under path: String = "/") throws -> [String] {
        try HDF5Library.withLock {
            let operation = "list datasets"
            let path = try normalizedPath(path, operation: operation)
            try requireKind(.group, at: path, operation: operation)
            var visited = try objectAddress(path, operation: operation).map { Set([$0]) } ?? []
            return try datasetPaths(under: path, visited: &visited, operation: operation).sorted()
        }
    }

    private func datasetPaths(under path: String, visited: inout Set<UInt64>, operation: String) throws -> [String] {
        var paths: [String] = []
        for name in try children(of: path) {
            let childPath = HDF5Path.joined(path, name)
            switch try objectKindIfPresent(childPath, operation: operation) {
            case .group:
                if let address = try objectAddress(childPath, operation: operation), !visited.insert(address).inserted { continue }
                paths += try datasetPaths(under: childPath, visited: &visited, operation: operation)
            case .dataset: paths.append(childPath)
            case .namedDataType, nil: break
            }
        }
        return paths
    }

    /// Removes the link at `path` (a dataset, or a group with everything in it). Throws `.objectNotFound` when absent.
    ///
    /// HDF5 does not shrink the file; the space is reclaimed only by `h5repack`.
    public func delete(_ path: String) throws {
        try HDF5Library.withLock {
            let operation = "delete object"
            let fileID = try requireWritable(operation: operation, path: path)
            let path = try normalizedPath(path, operation: operation)
            guard path != HDF5Path.root else {
                throw error(.invalidArgument, "the root group cannot be deleted", operation: operation, path: path)
            }
            guard try objectKindIfPresent(path, operation: operation) != nil else {
                throw error(.objectNotFound, "no group or dataset at this path", operation: operation, path: path)
            }
            try check(H5Ldelete(fileID, path, flowlab_h5p_default()), operation: operation, path: path)
        }
    }
}
