import CHDF5

extension HDF5File {
    /// The kind of object at a normalized `path`, or nil when no link leads there.
    func objectKindIfPresent(_ path: String, operation: String) throws -> HDF5ObjectKind? {
        let fileID = try requireOpen(operation: operation, path: path)
        guard let components = HDF5Path.components(of: path) else { return nil }
        var prefix = ""
        for component in components {
            prefix += "/" + component
            guard H5Lexists(fileID, prefix, flowlab_h5p_default()) > 0 else { return nil }
        }
        let objectID = H5Oopen(fileID, path, flowlab_h5p_default())
        guard objectID >= 0 else { return nil }  // a dangling soft link
        defer { H5Oclose(objectID) }
        switch H5Iget_type(objectID) {
        case H5I_GROUP: return .group
        case H5I_DATASET: return .dataset
        default: return .namedDataType
        }
    }

    /// The file address of the object at a normalized `path` (equal for two hard links to one object), or nil.
    func objectAddress(_ path: String, operation: String) throws -> UInt64? {
        let fileID = try requireOpen(operation: operation, path: path)
        var info = H5O_info_t()
        guard H5Oget_info_by_name2(fileID, path, &info, UInt32(H5O_INFO_BASIC), flowlab_h5p_default()) >= 0 else { return nil }
        return UInt64(info.addr)
    }

    /// Throws `.objectNotFound` or `.wrongObjectKind` unless a normalized `path` names an object of `kind`.
    func requireKind(_ kind: HDF5ObjectKind, at path: String, operation: String) throws {
        guard let found = try objectKindIfPresent(path, operation: operation) else {
            let what = kind == .group ? "group" : "dataset"
            throw error(.objectNotFound, "no \(what) at this path", operation: operation, path: path)
        }
        guard found == kind else {
            throw error(.wrongObjectKind, "expected a \(Self.name(of: kind)) but found a \(Self.name(of: found))",
                        operation: operation, path: path)
        }
    }

    /// Opens the group or dataset at a normalized `path`; the caller closes it with `H5Oclose`.
    func openObject(_ path: String, operation: String) throws -> hid_t {
        let fileID = try requireOpen(operation: operation, path: path)
        guard try objectKindIfPresent(path, operation: operation) != nil else {
            throw error(.objectNotFound, "no group or dataset at this path", operation: operation, path: path)
        }
        return try check(H5Oopen(fileID, path, flowlab_h5p_default()), operation: operation, path: path)
    }

    /// Opens the group at a normalized `path`; the caller closes it with `H5Gclose`.
    func openGroup(_ path: String, operation: String) throws -> hid_t {
        let fileID = try requireOpen(operation: operation, path: path)
        try requireKind(.group, at: path, operation: operation)
        return try check(H5Gopen2(fileID, path, flowlab_h5p_default()), operation: operation, path: path)
    }

    /// Opens the dataset at a normalized `path`; the caller closes it with `H5Dclose`.
    func openDataset(_ path: String, operation: String) throws -> hid_t {
        let fileID = try requireOpen(operation: operation, path: path)
        try requireKind(.dataset, at: path, operation: operation)
        return try check(H5Dopen2(fileID, path, flowlab_h5p_default()), operation: operation, path: path)
    }

    /// Link-creation properties that create missing intermediate groups and store names as UTF-8.
    func makeLinkCreationList(operation: String, path: String) throws -> hid_t {
        let linkList = try check(H5Pcreate(flowlab_h5p_link_create()), operation: operation, path: path)
        guard H5Pset_create_intermediate_group(linkList, 1) >= 0,
              H5Pset_char_encoding(linkList, H5T_CSET_UTF8) >= 0 else {
            H5Pclose(linkList)
            throw error(.libraryFailure, HDF5Library.lastErrorMessage() ?? "cannot set link properties",
                        operation: operation, path: path)
        }
        return linkList
    }

    /// The name of the link at `index` (in name order) inside an open group.
    func linkName(in groupID: hid_t, at index: hsize_t, operation: String, path: String) throws -> String {
        let length = H5Lget_name_by_idx(groupID, ".", H5_INDEX_NAME, H5_ITER_INC, index, nil, 0, flowlab_h5p_default())
        guard length >= 0 else {
            throw error(.libraryFailure, HDF5Library.lastErrorMessage() ?? "cannot read a link name", operation: operation, path: path)
        }
        var buffer = [CChar](repeating: 0, count: Int(length) + 1)
        let written = H5Lget_name_by_idx(groupID, ".", H5_INDEX_NAME, H5_ITER_INC, index, &buffer, buffer.count,
                                         flowlab_h5p_default())
        guard written >= 0 else {
            throw error(.libraryFailure, HDF5Library.lastErrorMessage() ?? "cannot read a link name", operation: operation, path: path)
        }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// "group", "dataset" or "named datatype", for messages.
    static func name(of kind: HDF5ObjectKind) -> String {
        switch kind {
        case .group: "group"
        case .dataset: "dataset"
        case .namedDataType: "named datatype"
        }
    }
}
