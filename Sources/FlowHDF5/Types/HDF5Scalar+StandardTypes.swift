extension Float: HDF5Scalar {
    /// Stored as 32-bit IEEE float.
    public static var hdf5DataType: HDF5DataType { .float32 }
}

extension Double: HDF5Scalar {
    /// Stored as 64-bit IEEE float.
    public static var hdf5DataType: HDF5DataType { .float64 }
}

extension Int32: HDF5Scalar {
    /// Stored as signed 32-bit integer.
    public static var hdf5DataType: HDF5DataType { .int32 }
}

extension Int64: HDF5Scalar {
    /// Stored as signed 64-bit integer.
    public static var hdf5DataType: HDF5DataType { .int64 }
}

extension UInt8: HDF5Scalar {
    /// Stored as unsigned 8-bit integer.
    public static var hdf5DataType: HDF5DataType { .uint8 }
}
