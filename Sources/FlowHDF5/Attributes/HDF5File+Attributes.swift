import CHDF5

extension HDF5File {
    /// Sets attribute `name` on the file root, a group or a dataset at `path`, replacing an attribute of that name.
    ///
    /// The object must exist. Numbers are stored as float64/int64, strings as variable-length UTF-8,
    /// arrays as 1-D attributes (see `HDF5AttributeValue`).
    public func setAttribute(_ name: String, _ value: HDF5AttributeValue, at path: String = "/") throws {
        try HDF5Library.withLock {
            let operation = "set attribute '\(name)'"
            _ = try requireWritable(operation: operation, path: path)
            let path = try normalizedPath(path, operation: operation)
            guard !name.isEmpty, !name.utf8.contains(0) else {
                throw error(.invalidArgument, "an attribute name must be non-empty and free of NUL characters",
                            operation: operation, path: path)
            }
            let objectID = try openObject(path, operation: operation)
            defer { H5Oclose(objectID) }
            if H5Aexists(objectID, name) > 0 {
                try check(H5Adelete(objectID, name), operation: operation, path: path)
            }
            try createAttribute(name, value, on: objectID, operation: operation, path: path)
        }
    }

    /// The value of attribute `name` on the object at `path`; throws `.objectNotFound` if there is none.
    public func attribute(_ name: String, at path: String = "/") throws -> HDF5AttributeValue {
        try HDF5Library.withLock {
            let operation = "read attribute '\(name)'"
            let path = try normalizedPath(path, operation: operation)
            let objectID = try openObject(path, operation: operation)
            defer { H5Oclose(objectID) }
            guard H5Aexists(objectID, name) > 0 else {
                throw error(.objectNotFound, "the object has no attribute '\(name)'", operation: operation, path: path)
            }
            let attributeID = try check(H5Aopen(objectID, name, flowlab_h5p_default()), operation: operation, path: path)
            defer { H5Aclose(attributeID) }
            return try readAttributeValue(attributeID, operation: operation, path: path)
        }
    }

    /// The names of the attributes on the object at `path`, sorted.
    public func attributeNames(at path: String = "/") throws -> [String] {
        try HDF5Library.withLock {
            let operation = "list attributes"
            let path = try normalizedPath(path, operation: operation)
            let objectID = try openObject(path, operation: operation)
            defer { H5Oclose(objectID) }
            final class Names { var values: [String] = [] }
            let names = Names()
            var index: hsize_t = 0
            let status = withExtendedLifetime(names) {
                H5Aiterate2(objectID, H5_INDEX_NAME, H5_ITER_INC, &index, { _, name, _, context in
                    guard let name, let context else { return -1 }
                    Unmanaged<Names>.fromOpaque(context).takeUnretainedValue().values.append(String(cString: name))
                    return 0
                }, Unmanaged.passUnretained(names).toOpaque())
            }
            try check(status, operation: operation, path: path)
            return names.values.sorted()
        }
    }

    /// All attributes on the object at `path`, by name.
    public func attributes(at path: String = "/") throws -> [String: HDF5AttributeValue] {
        try HDF5Library.withLock {
            var attributes: [String: HDF5AttributeValue] = [:]
            for name in try attributeNames(at: path) {
                attributes[name] = try attribute(name, at: path)
            }
            return attributes
        }
    }
}
