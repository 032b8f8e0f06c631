import CHDF5

extension HDF5File {
    /// Creates an empty numeric dataset of shape `[0] + rowShape` at `path` that grows by rows along its first dimension.
    ///
    /// Fill it with `appendRows` and read parts of it with `readRows`, so neither side holds the whole array.
    /// `chunkRows` rows form one chunk; `compression` is a gzip level 0...9 (with the shuffle filter).
    /// Missing parent groups are created and an existing dataset at `path` is replaced.
    ///
    /// ```swift
    /// try file.createRowDataset(at: "/images", rowShape: [32, 32, 3], as: UInt8.self, chunkRows: 64, compression: 4)
    /// try file.appendRows(pixels, to: "/images")            // pixels.count is a multiple of 32 * 32 * 3
    /// let (first, shape) = try file.readRows("/images", 0..<8, as: UInt8.self)
    /// ```
    public func createRowDataset<T: HDF5Scalar>(at path: String, rowShape: [Int], as type: T.Type, chunkRows: Int,
                                                compression: Int? = nil) throws {
        try HDF5Library.withLock {
            let operation = "create row dataset"
            let path = try normalizedPath(path, operation: operation)
            let layout = try rowLayout(rowShape: rowShape, chunkRows: chunkRows, compression: compression,
                                       operation: operation, path: path)
            let typeID = T.hdf5DataType.nativeTypeID!
            let datasetID = try createDataset(at: path, typeID: typeID, layout: layout, operation: operation)
            H5Dclose(datasetID)
        }
    }

    /// Creates an empty variable-length UTF-8 string dataset of shape `[0] + rowShape` that grows by rows (see `createRowDataset`).
    public func createStringRowDataset(at path: String, rowShape: [Int], chunkRows: Int, compression: Int? = nil) throws {
        try HDF5Library.withLock {
            let operation = "create string row dataset"
            let path = try normalizedPath(path, operation: operation)
            let layout = try rowLayout(rowShape: rowShape, chunkRows: chunkRows, compression: compression,
                                       operation: operation, path: path)
            let typeID = try makeVariableStringType(operation: operation, path: path)
            defer { H5Tclose(typeID) }
            let datasetID = try createDataset(at: path, typeID: typeID, layout: layout, operation: operation)
            H5Dclose(datasetID)
        }
    }

    /// Appends whole rows (row-major, `values.count` a multiple of the row size) to a dataset made by `createRowDataset`.
    ///
    /// Throws `.typeMismatch` if the dataset stores another type, `.shapeMismatch` if the values do not fill whole rows,
    /// and `.notAppendable` if the dataset cannot grow.
    public func appendRows<T: HDF5Scalar>(_ values: [T], to path: String) throws {
        try HDF5Library.withLock {
            let operation = "append rows"
            _ = try requireWritable(operation: operation, path: path)
            let path = try normalizedPath(path, operation: operation)
            let datasetID = try openDataset(path, operation: operation)
            defer { H5Dclose(datasetID) }
            let storedType = try storedDataType(ofDataset: datasetID, operation: operation, path: path)
            guard storedType == T.hdf5DataType else {
                throw error(.typeMismatch, "the dataset stores \(storedType) but \(T.hdf5DataType) (\(T.self)) rows were appended",
                            operation: operation, path: path)
            }
            let typeID = T.hdf5DataType.nativeTypeID!
            try appendRowValues(count: values.count, to: datasetID, operation: operation, path: path) { memorySpace, fileSpace in
                values.withUnsafeBytes { bytes in
                    H5Dwrite(datasetID, typeID, memorySpace, fileSpace, flowlab_h5p_default(), bytes.baseAddress)
                }
            }
        }
    }

    /// Appends whole rows of strings (row-major) to a dataset made by `createStringRowDataset`.
    public func appendStringRows(_ strings: [String], to path: String) throws {
        try HDF5Library.withLock {
            let operation = "append string rows"
            _ = try requireWritable(operation: operation, path: path)
            let path = try normalizedPath(path, operation: operation)
            try requireNoNulCharacters(strings, operation: operation, path: path)
            let datasetID = try openDataset(path, operation: operation)
            defer { H5Dclose(datasetID) }
            guard try storedDataType(ofDataset: datasetID, operation: operation, path: path) == .string else {
                throw error(.typeMismatch, "the dataset does not store strings; use appendRows", operation: operation, path: path)
            }
            let typeID = try makeVariableStringType(operation: operation, path: path)
            defer { H5Tclose(typeID) }
            try appendRowValues(count: strings.count, to: datasetID, operation: operation, path: path) { memorySpace, fileSpace in
                withCStringPointers(strings) { buffer in
                    H5Dwrite(datasetID, typeID, memorySpace, fileSpace, flowlab_h5p_default(), buffer)
                }
            }
        }
    }

    /// Reads rows `rows` (along the first dimension) of a numeric dataset of rank >= 1, reading only those rows from disk.
    ///
    /// Returns the values row-major and their shape (`[rows.count] + rowShape`); conversion rules are those of `read`.
    /// Throws `.shapeMismatch` when the range is outside `0...rowCount`.
    public func readRows<T: HDF5Scalar>(_ path: String, _ rows: Range<Int>, as type: T.Type = T.self) throws
        -> (values: [T], shape: [Int]) {
        try HDF5Library.withLock {
            let operation = "read rows"
            let path = try normalizedPath(path, operation: operation)
            let datasetID = try openDataset(path, operation: operation)
            defer { H5Dclose(datasetID) }
            let storedType = try storedDataType(ofDataset: datasetID, operation: operation, path: path)
            guard storedType.isLosslesslyConvertible(to: T.hdf5DataType) else {
                throw error(.typeMismatch, "stored type \(storedType) cannot be read as \(T.hdf5DataType) (\(T.self))",
                            operation: operation, path: path)
            }
            let typeID = T.hdf5DataType.nativeTypeID!
            var status: herr_t = 0
            var values: [T] = []
            let shape = try withRowSelection(rows, in: datasetID, operation: operation, path: path) { count, memorySpace, fileSpace in
                values = [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
                    status = H5Dread(datasetID, typeID, memorySpace, fileSpace, flowlab_h5p_default(), buffer.baseAddress)
                    initializedCount = status >= 0 ? count : 0
                }
            }
            try check(status, operation: operation, path: path)
            return (values, shape)
        }
    }

    /// Reads rows `rows` of a string dataset of rank >= 1 as a flat row-major array, reading only those rows from disk.
    public func readStringRows(_ path: String, _ rows: Range<Int>) throws -> (strings: [String], shape: [Int]) {
        try HDF5Library.withLock {
            let operation = "read string rows"
            let path = try normalizedPath(path, operation: operation)
            let datasetID = try openDataset(path, operation: operation)
            defer { H5Dclose(datasetID) }
            let storedTypeID = try check(H5Dget_type(datasetID), operation: operation, path: path)
            defer { H5Tclose(storedTypeID) }
            guard HDF5DataType(typeID: storedTypeID) == .string else {
                throw error(.typeMismatch, "the dataset does not store strings; use readRows", operation: operation, path: path)
            }
            var strings: [String] = []
            let shape = try withRowSelection(rows, in: datasetID, operation: operation, path: path) { count, memorySpace, fileSpace in
                strings = try readStringValues(storedTypeID: storedTypeID, count: count, operation: operation, path: path) {
                    memoryType, buffer in
                    H5Dread(datasetID, memoryType, memorySpace, fileSpace, flowlab_h5p_default(), buffer)
                }
            }
            return (strings, shape)
        }
    }

    /// The layout of an empty row dataset: `[0] + rowShape`, extendable, chunked by `chunkRows` rows.
    private func rowLayout(rowShape: [Int], chunkRows: Int, compression: Int?, operation: String, path: String) throws
        -> DatasetLayout {
        guard rowShape.allSatisfy({ $0 >= 1 }) else {
            throw error(.shapeMismatch, "row shape \(rowShape) must have extents of at least 1", operation: operation, path: path)
        }
        guard chunkRows >= 1 else {
            throw error(.invalidArgument, "chunk rows \(chunkRows) must be at least 1", operation: operation, path: path)
        }
        if let compression, !(0...9).contains(compression) {
            throw error(.invalidArgument, "gzip compression level \(compression) is not in 0...9", operation: operation, path: path)
        }
        return DatasetLayout(shape: [0] + rowShape, isExtendable: true, chunkShape: [chunkRows] + rowShape,
                             compressionLevel: compression)
    }

    /// Grows an open row dataset by `count / rowSize` rows and lets `write` fill them through the given memory and file spaces.
    private func appendRowValues(count: Int, to datasetID: hid_t, operation: String, path: String,
                                 _ write: (hid_t, hid_t) -> herr_t) throws {
        let spaceID = try check(H5Dget_space(datasetID), operation: operation, path: path)
        let (shape, isExtendable) = try extent(ofSpace: spaceID, operation: operation, path: path)
        H5Sclose(spaceID)
        guard shape.count >= 1, isExtendable else {
            throw error(.notAppendable, "the dataset has fixed shape \(shape); rows can only be appended to a row dataset",
                        operation: operation, path: path)
        }
        let rowSize = shape.dropFirst().reduce(1, *)
        guard count % rowSize == 0 else {
            throw error(.shapeMismatch, "\(count) values are not whole rows of \(Array(shape.dropFirst())) (\(rowSize) each)",
                        operation: operation, path: path)
        }
        let newRows = count / rowSize
        guard newRows > 0 else { return }
        var newExtent = ([shape[0] + newRows] + shape.dropFirst()).map { hsize_t($0) }
        try check(H5Dset_extent(datasetID, &newExtent), operation: operation, path: path)
        let fileSpace = try check(H5Dget_space(datasetID), operation: operation, path: path)
        defer { H5Sclose(fileSpace) }
        var start = [hsize_t(shape[0])] + shape.dropFirst().map { _ in hsize_t(0) }
        var counts = ([newRows] + shape.dropFirst()).map { hsize_t($0) }
        try check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, &start, nil, &counts, nil), operation: operation, path: path)
        let memorySpace = try check(H5Screate_simple(Int32(counts.count), &counts, nil), operation: operation, path: path)
        defer { H5Sclose(memorySpace) }
        try check(write(memorySpace, fileSpace), operation: operation, path: path)
    }

    /// Selects rows `rows` of an open dataset and calls `body(elementCount, memorySpace, fileSpace)`; returns the selection's shape.
    private func withRowSelection(_ rows: Range<Int>, in datasetID: hid_t, operation: String, path: String,
                                  _ body: (Int, hid_t, hid_t) throws -> Void) throws -> [Int] {
        let fileSpace = try check(H5Dget_space(datasetID), operation: operation, path: path)
        defer { H5Sclose(fileSpace) }
        let shape = try extent(ofSpace: fileSpace, operation: operation, path: path).shape
        guard !shape.isEmpty else {
            throw error(.shapeMismatch, "a scalar dataset has no rows", operation: operation, path: path)
        }
        guard rows.lowerBound >= 0, rows.upperBound <= shape[0] else {
            throw error(.shapeMismatch, "rows \(rows.lowerBound)..<\(rows.upperBound) are outside the \(shape[0]) rows of shape \(shape)",
                        operation: operation, path: path)
        }
        let selectionShape = [rows.count] + shape.dropFirst()
        let count = selectionShape.reduce(1, *)
        guard count > 0 else { return selectionShape }
        var start = [hsize_t(rows.lowerBound)] + shape.dropFirst().map { _ in hsize_t(0) }
        var counts = selectionShape.map { hsize_t($0) }
        try check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, &start, nil, &counts, nil), operation: operation, path: path)
        let memorySpace = try check(H5Screate_simple(Int32(counts.count), &counts, nil), operation: operation, path: path)
        defer { H5Sclose(memorySpace) }
        try body(count, memorySpace, fileSpace)
        return selectionShape
    }
}
