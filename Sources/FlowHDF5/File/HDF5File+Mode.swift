extension HDF5File {
    /// How an existing file is opened.
    public enum Mode: Equatable, Sendable {
        /// Reading only; every write throws `.readOnlyFile`.
        case readOnly
        /// Reading and writing.
        case readWrite
    }
}
