import CHDF5

extension HDF5File {
    /// Writes one string as a scalar dataset at `path` (variable-length UTF-8), replacing any dataset there.
    public func writeString(_ string: String, to path: String) throws {
        try writeStrings([string], shape: [], to: path, operation: "write string")
    }

    /// Writes strings as a 1-D dataset at `path` (variable-length UTF-8), replacing any dataset there.
    public func writeStrings(_ strings: [String], to path: String) throws {
        try writeStrings(strings, shape: [strings.count], to: path, operation: "write strings")
    }

    /// Writes strings as a dataset of `shape` (row-major, variable-length UTF-8) at `path`, replacing any dataset there.
    public func writeStrings(_ strings: [String], shape: [Int], to path: String) throws {
        try writeStrings(strings, shape: shape, to: path, operation: "write strings")
    }

    /// Reads a string dataset holding exactly one string (scalar or one element).
    public func readString(_ path: String) throws -> String {
        let strings = try readStrings(path)
        guard strings.count == 1 else {
            throw error(.shapeMismatch, "expected one string but the dataset holds \(strings.count)",
                        operation: "read string", path: HDF5Path.normalized(path) ?? path)
        }
        return strings[0]
    }

    /// Reads a string dataset of any rank (fixed- or variable-length) as a flat row-major array.
    public func readStrings(_ path: String) throws -> [String] {
        try HDF5Library.withLock {
            let operation = "read strings"
            let path = try normalizedPath(path, operation: operation)
            let datasetID = try openDataset(path, operation: operation)
            defer { H5Dclose(datasetID) }
            let typeID = try check(H5Dget_type(datasetID), operation: operation, path: path)
            defer { H5Tclose(typeID) }
            let storedType = HDF5DataType(typeID: typeID)
            guard storedType == .string else {
                throw error(.typeMismatch, "stored type \(storedType) is not a string type; use read(_:as:)",
                            operation: operation, path: path)
            }
            let spaceID = try check(H5Dget_space(datasetID), operation: operation, path: path)
            defer { H5Sclose(spaceID) }
            let count = try Self.checkedElementCount(try extent(ofSpace: spaceID, operation: operation, path: path).shape,
                                                     elementSize: MemoryLayout<UnsafeRawPointer>.stride, operation: operation,
                                                     path: path, in: self)
            return try readStringValues(storedTypeID: typeID, count: count, operation: operation, path: path) { memoryType, buffer in
                H5Dread(datasetID, memoryType, flowlab_h5s_all(), flowlab_h5s_all(), flowlab_h5p_default(), buffer)
            }
        }
    }

    /// Writes strings as a dataset of `shape` (`[]` or `[count]`).
    private func writeStrings(_ strings: [String], shape: [Int], to path: String, operation: String) throws {
        try HDF5Library.withLock {
            let path = try normalizedPath(path, operation: operation)
            try requireNoNulCharacters(strings, operation: operation, path: path)
            let typeID = try makeVariableStringType(operation: operation, path: path)
            defer { H5Tclose(typeID) }
            let datasetID = try createDataset(at: path, typeID: typeID, layout: DatasetLayout(shape: shape), operation: operation)
            defer { H5Dclose(datasetID) }
            guard !strings.isEmpty else { return }
            let status = withCStringPointers(strings) { buffer in
                H5Dwrite(datasetID, typeID, flowlab_h5s_all(), flowlab_h5s_all(), flowlab_h5p_default(), buffer)
            }
            try check(status, operation: operation, path: path)
        }
    }
}
