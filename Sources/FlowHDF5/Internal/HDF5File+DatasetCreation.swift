import CHDF5

extension HDF5File {
    /// How a new dataset is laid out on disk.
    struct DatasetLayout {
        /// The initial extent of each dimension (`[]` for a scalar).
        var shape: [Int]
        /// Whether every dimension may grow without bound (appendable series).
        var isExtendable = false
        /// The chunk extent per dimension, or nil for contiguous storage.
        var chunkShape: [Int]? = nil
        /// The gzip level, or nil for no compression.
        var compressionLevel: Int? = nil
    }

    /// Creates a dataset at a normalized `path` with stored type `typeID`, replacing an existing dataset and creating
    /// missing parent groups. The caller closes the returned identifier with `H5Dclose`.
    func createDataset(at path: String, typeID: hid_t, layout: DatasetLayout, operation: String) throws -> hid_t {
        let fileID = try requireWritable(operation: operation, path: path)
        guard path != HDF5Path.root else {
            throw error(.invalidArgument, "the root group cannot be replaced by a dataset", operation: operation, path: path)
        }
        try removeExistingDataset(at: path, operation: operation)
        let spaceID = try makeDataspace(shape: layout.shape, isExtendable: layout.isExtendable, operation: operation, path: path)
        defer { H5Sclose(spaceID) }
        let creationList = try check(H5Pcreate(flowlab_h5p_dataset_create()), operation: operation, path: path)
        defer { H5Pclose(creationList) }
        var chunkShape = layout.chunkShape
        let checksummed = checksumsNewDatasets && !layout.shape.isEmpty && (layout.isExtendable || !layout.shape.contains(0))
        if checksummed, chunkShape == nil {
            chunkShape = HDF5ChunkLayout.automaticChunkShape(for: layout.shape, elementSize: max(Int(H5Tget_size(typeID)), 1))
        }
        if let chunkShape {
            let chunkDimensions = chunkShape.map { hsize_t($0) }
            try check(H5Pset_chunk(creationList, Int32(chunkDimensions.count), chunkDimensions), operation: operation, path: path)
            if let level = layout.compressionLevel {
                try check(H5Pset_shuffle(creationList), operation: operation, path: path)
                try check(H5Pset_deflate(creationList, UInt32(level)), operation: operation, path: path)
            }
            if checksummed {
                try check(H5Pset_fletcher32(creationList), operation: operation, path: path)
            }
        }
        let linkList = try makeLinkCreationList(operation: operation, path: path)
        defer { H5Pclose(linkList) }
        return try check(H5Dcreate2(fileID, path, typeID, spaceID, linkList, creationList, flowlab_h5p_default()),
                         operation: operation, path: path)
    }

    /// A scalar dataspace for `[]`, else a simple one with `shape` (unlimited maxima when `isExtendable`).
    func makeDataspace(shape: [Int], isExtendable: Bool, operation: String, path: String) throws -> hid_t {
        if shape.isEmpty { return try check(H5Screate(H5S_SCALAR), operation: operation, path: path) }
        let dimensions = shape.map { hsize_t($0) }
        let maxima = isExtendable ? shape.map { _ in flowlab_h5s_unlimited() } : dimensions
        return try check(H5Screate_simple(Int32(dimensions.count), dimensions, maxima), operation: operation, path: path)
    }

    /// The extent of an open dataspace (`[]` for scalar) and whether any dimension is unlimited.
    func extent(ofSpace spaceID: hid_t, operation: String, path: String) throws -> (shape: [Int], isExtendable: Bool) {
        let rank = Int(H5Sget_simple_extent_ndims(spaceID))
        guard rank >= 0 else {
            throw error(.libraryFailure, HDF5Library.lastErrorMessage() ?? "cannot read the dataspace", operation: operation, path: path)
        }
        var dimensions = [hsize_t](repeating: 0, count: rank)
        var maxima = [hsize_t](repeating: 0, count: rank)
        try check(H5Sget_simple_extent_dims(spaceID, &dimensions, &maxima), operation: operation, path: path)
        return (dimensions.map { Int($0) }, maxima.contains(flowlab_h5s_unlimited()))
    }

    /// Deletes the dataset at `path` so it can be rewritten; throws `.wrongObjectKind` if a group is there.
    private func removeExistingDataset(at path: String, operation: String) throws {
        guard let kind = try objectKindIfPresent(path, operation: operation) else { return }
        guard kind == .dataset else {
            throw error(.wrongObjectKind, "a \(Self.name(of: kind)) already exists here; delete it first to write a dataset",
                        operation: operation, path: path)
        }
        let fileID = try requireWritable(operation: operation, path: path)
        try check(H5Ldelete(fileID, path, flowlab_h5p_default()), operation: operation, path: path)
    }
}
