/// A Swift number type that FlowHDF5 stores and reads as dataset elements.
///
/// FlowHDF5 conforms `Float`, `Double`, `Int32`, `Int64` and `UInt8`; do not add conformances elsewhere.
public protocol HDF5Scalar: BitwiseCopyable, Sendable {
    /// The stored element type for values of this Swift type.
    static var hdf5DataType: HDF5DataType { get }
}
