import CHDF5

extension HDF5File {
    /// Elements per chunk of an appendable series: 8 KiB of float64, small enough for short runs, cheap to extend.
    static let seriesChunkLength = 1024

    /// Appends `values` to the 1-D series at `path`, creating it (chunked, unlimited, missing parents too) on first use.
    ///
    /// The series keeps the element type it was created with; appending another type throws `.typeMismatch`,
    /// and appending to a fixed-size dataset throws `.notAppendable`. Read it back with `readSeries` or `read`.
    public func appendSeries<T: HDF5Scalar>(_ values: [T], to path: String) throws {
        try HDF5Library.withLock {
            let operation = "append to series"
            _ = try requireWritable(operation: operation, path: path)
            let path = try normalizedPath(path, operation: operation)
            let typeID = T.hdf5DataType.nativeTypeID!
            let datasetID: hid_t
            if try objectKindIfPresent(path, operation: operation) == nil {
                let layout = DatasetLayout(shape: [0], isExtendable: true, chunkShape: [Self.seriesChunkLength])
                datasetID = try createDataset(at: path, typeID: typeID, layout: layout, operation: operation)
            } else {
                datasetID = try openDataset(path, operation: operation)
            }
            defer { H5Dclose(datasetID) }
            let oldLength = try requireAppendable(datasetID, as: T.self, operation: operation, path: path)
            guard !values.isEmpty else { return }
            var newExtent = [hsize_t(oldLength + values.count)]
            try check(H5Dset_extent(datasetID, &newExtent), operation: operation, path: path)
            let fileSpace = try check(H5Dget_space(datasetID), operation: operation, path: path)
            defer { H5Sclose(fileSpace) }
            var start = [hsize_t(oldLength)]
            var count = [hsize_t(values.count)]
            try check(H5Sselect_hyperslab(fileSpace, H5S_SELECT_SET, &start, nil, &count, nil), operation: operation, path: path)
            let memorySpace = try check(H5Screate_simple(1, &count, nil), operation: operation, path: path)
            defer { H5Sclose(memorySpace) }
            let status = values.withUnsafeBytes { bytes in
                H5Dwrite(datasetID, typeID, memorySpace, fileSpace, flowlab_h5p_default(), bytes.baseAddress)
            }
            try check(status, operation: operation, path: path)
        }
    }

    /// Appends one value to the 1-D series at `path`, creating the series on first use.
    public func appendSeries<T: HDF5Scalar>(_ value: T, to path: String) throws {
        try appendSeries([value], to: path)
    }

    /// Reads the whole 1-D series at `path` as `T` (conversion rules of `read`); throws `.shapeMismatch` if not 1-D.
    public func readSeries<T: HDF5Scalar>(_ path: String, as type: T.Type = T.self) throws -> [T] {
        let (values, shape) = try read(path, as: T.self)
        guard shape.count == 1 else {
            throw error(.shapeMismatch, "a series is 1-D but the dataset has shape \(shape)",
                        operation: "read series", path: HDF5Path.normalized(path) ?? path)
        }
        return values
    }

    /// The current length of an open series, after checking it is 1-D, unlimited and stores exactly `T`.
    private func requireAppendable<T: HDF5Scalar>(_ datasetID: hid_t, as type: T.Type, operation: String, path: String) throws -> Int {
        let storedType = try storedDataType(ofDataset: datasetID, operation: operation, path: path)
        guard storedType == T.hdf5DataType else {
            throw error(.typeMismatch, "the series stores \(storedType) but \(T.hdf5DataType) (\(T.self)) values were appended",
                        operation: operation, path: path)
        }
        let spaceID = try check(H5Dget_space(datasetID), operation: operation, path: path)
        defer { H5Sclose(spaceID) }
        let (shape, isExtendable) = try extent(ofSpace: spaceID, operation: operation, path: path)
        guard shape.count == 1, isExtendable else {
            throw error(.notAppendable, "the dataset has fixed shape \(shape); a series is a 1-D dataset of unlimited length",
                        operation: operation, path: path)
        }
        return shape[0]
    }
}
