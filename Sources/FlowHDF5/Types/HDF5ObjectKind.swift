/// What a path inside an HDF5 file names.
public enum HDF5ObjectKind: Equatable, Sendable {
    /// A group: a folder of named links to other objects.
    case group
    /// A dataset: an n-dimensional array of elements.
    case dataset
    /// A committed (named) datatype, which FlowHDF5 never writes but may find in other tools' files.
    case namedDataType
}
