import CHDF5

extension HDF5File {
    /// Writes `values` as a dataset of `shape` (row-major; nil means 1-D) at `path`, replacing any dataset there.
    ///
    /// Missing parent groups are created. `compression` is a gzip level 0...9 (with the shuffle filter)
    /// and implies chunking; `chunks` gives the chunk extent per dimension (each 1...shape[i]); without it
    /// chunks are chosen to hold at most 1 MiB. Scalars (`shape: []`) cannot be chunked; arrays with a
    /// zero extent are always stored contiguously, since HDF5 cannot chunk them.
    public func write<T: HDF5Scalar>(_ values: [T], shape: [Int]? = nil, to path: String,
                                     compression: Int? = nil, chunks: [Int]? = nil) throws {
        try HDF5Library.withLock {
            let operation = "write dataset"
            let path = try normalizedPath(path, operation: operation)
            let shape = shape ?? [values.count]
            let layout = try validatedLayout(shape: shape, valueCount: values.count, elementSize: MemoryLayout<T>.stride,
                                             compression: compression, chunks: chunks, operation: operation, path: path)
            let typeID = T.hdf5DataType.nativeTypeID!
            let datasetID = try createDataset(at: path, typeID: typeID, layout: layout, operation: operation)
            defer { H5Dclose(datasetID) }
            guard !values.isEmpty else { return }
            let status = values.withUnsafeBytes { bytes in
                H5Dwrite(datasetID, typeID, flowlab_h5s_all(), flowlab_h5s_all(), flowlab_h5p_default(), bytes.baseAddress)
            }
            try check(status, operation: operation, path: path)
        }
    }

    /// Writes one number as a scalar (0-d) dataset at `path`, replacing any dataset there.
    public func write<T: HDF5Scalar>(_ value: T, to path: String) throws {
        try write([value], shape: [], to: path)
    }

    /// Reads the dataset at `path` as `T`, with its shape (`[]` for a scalar); values are row-major.
    ///
    /// The stored type must convert losslessly to `T` (see `HDF5DataType.isLosslesslyConvertible(to:)`):
    /// float32 reads as `Float` or `Double`, int32 as `Int32`, `Int64` or `Double`, uint8 as any type,
    /// and each type as itself. Anything else (e.g. float64 as `Float`, int64 as `Double`) throws `.typeMismatch`.
    public func read<T: HDF5Scalar>(_ path: String, as type: T.Type = T.self) throws -> (values: [T], shape: [Int]) {
        try HDF5Library.withLock {
            let operation = "read dataset"
            let path = try normalizedPath(path, operation: operation)
            let datasetID = try openDataset(path, operation: operation)
            defer { H5Dclose(datasetID) }
            let storedType = try storedDataType(ofDataset: datasetID, operation: operation, path: path)
            guard storedType.isLosslesslyConvertible(to: T.hdf5DataType) else {
                let hint = storedType == .string ? "; use readStrings" : ""
                throw error(.typeMismatch, "stored type \(storedType) cannot be read as \(T.hdf5DataType) (\(T.self))\(hint)",
                            operation: operation, path: path)
            }
            let spaceID = try check(H5Dget_space(datasetID), operation: operation, path: path)
            defer { H5Sclose(spaceID) }
            let shape = try extent(ofSpace: spaceID, operation: operation, path: path).shape
            let count = try Self.checkedElementCount(shape, elementSize: MemoryLayout<T>.stride, operation: operation, path: path,
                                                     in: self)
            guard count > 0 else { return ([], shape) }
            let typeID = T.hdf5DataType.nativeTypeID!
            var status: herr_t = 0
            let values = [T](unsafeUninitializedCapacity: count) { buffer, initializedCount in
                status = H5Dread(datasetID, typeID, flowlab_h5s_all(), flowlab_h5s_all(), flowlab_h5p_default(), buffer.baseAddress)
                initializedCount = status >= 0 ? count : 0
            }
            try check(status, operation: operation, path: path)
            return (values, shape)
        }
    }

    /// Reads a dataset holding exactly one number (a scalar or a one-element array) as `T`, with `read`'s conversion rules.
    public func readScalar<T: HDF5Scalar>(_ path: String, as type: T.Type = T.self) throws -> T {
        let (values, shape) = try read(path, as: T.self)
        guard values.count == 1 else {
            throw error(.shapeMismatch, "expected a single value but the dataset has shape \(shape)",
                        operation: "read scalar", path: HDF5Path.normalized(path) ?? path)
        }
        return values[0]
    }

    /// The shape, element type and storage layout of the dataset at `path`, without reading its data.
    public func datasetInfo(_ path: String) throws -> HDF5DatasetInfo {
        try HDF5Library.withLock {
            let operation = "read dataset info"
            let path = try normalizedPath(path, operation: operation)
            let datasetID = try openDataset(path, operation: operation)
            defer { H5Dclose(datasetID) }
            let dataType = try storedDataType(ofDataset: datasetID, operation: operation, path: path)
            let spaceID = try check(H5Dget_space(datasetID), operation: operation, path: path)
            defer { H5Sclose(spaceID) }
            let (shape, isExtendable) = try extent(ofSpace: spaceID, operation: operation, path: path)
            let creationList = try check(H5Dget_create_plist(datasetID), operation: operation, path: path)
            defer { H5Pclose(creationList) }
            var chunkShape: [Int]?
            var compressionLevel: Int?
            if H5Pget_layout(creationList) == H5D_CHUNKED {
                var chunkDimensions = [hsize_t](repeating: 0, count: max(shape.count, 1))
                let rank = H5Pget_chunk(creationList, Int32(chunkDimensions.count), &chunkDimensions)
                chunkShape = rank > 0 ? chunkDimensions.prefix(Int(rank)).map { Int($0) } : nil
                var flags: UInt32 = 0
                var parameterCount = 1
                var parameters: [UInt32] = [0]
                if H5Pget_filter_by_id2(creationList, H5Z_filter_t(H5Z_FILTER_DEFLATE), &flags, &parameterCount, &parameters,
                                        0, nil, nil) >= 0 {
                    compressionLevel = Int(parameters[0])
                }
            }
            return HDF5DatasetInfo(shape: shape, dataType: dataType, chunkShape: chunkShape,
                                   compressionLevel: compressionLevel, isExtendable: isExtendable)
        }
    }

    /// The stored element type of an open dataset.
    func storedDataType(ofDataset datasetID: hid_t, operation: String, path: String) throws -> HDF5DataType {
        let typeID = try check(H5Dget_type(datasetID), operation: operation, path: path)
        defer { H5Tclose(typeID) }
        return HDF5DataType(typeID: typeID)
    }

    /// Checks shape, compression and chunks of a numeric write and turns them into a dataset layout.
    private func validatedLayout(shape: [Int], valueCount: Int, elementSize: Int, compression: Int?, chunks: [Int]?,
                                 operation: String, path: String) throws -> DatasetLayout {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            throw error(.shapeMismatch, "shape \(shape) has a negative extent", operation: operation, path: path)
        }
        guard shape.reduce(1, *) == valueCount else {
            throw error(.shapeMismatch, "\(valueCount) values do not fill shape \(shape) (\(shape.reduce(1, *)) elements)",
                        operation: operation, path: path)
        }
        if let compression, !(0...9).contains(compression) {
            throw error(.invalidArgument, "gzip compression level \(compression) is not in 0...9", operation: operation, path: path)
        }
        if let chunks {
            guard chunks.count == shape.count, zip(chunks, shape).allSatisfy({ $0 >= 1 && ($0 <= $1 || $1 == 0) }) else {
                throw error(.invalidArgument, "chunk shape \(chunks) must have one extent in 1...n per dimension of shape \(shape)",
                            operation: operation, path: path)
            }
        }
        guard compression != nil || chunks != nil else { return DatasetLayout(shape: shape) }
        guard !shape.isEmpty else {
            throw error(.invalidArgument, "a scalar dataset cannot be chunked or compressed", operation: operation, path: path)
        }
        guard !shape.contains(0) else { return DatasetLayout(shape: shape) }
        let chunkShape = chunks ?? HDF5ChunkLayout.automaticChunkShape(for: shape, elementSize: elementSize)
        return DatasetLayout(shape: shape, chunkShape: chunkShape, compressionLevel: compression)
    }
}
