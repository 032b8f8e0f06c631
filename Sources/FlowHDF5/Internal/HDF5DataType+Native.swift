import CHDF5

extension HDF5DataType {
    /// The in-memory (native) HDF5 type for a numeric type; nil for `.string` and `.unsupported`.
    var nativeTypeID: hid_t? {
        switch self {
        case .float32: flowlab_h5t_native_float()
        case .float64: flowlab_h5t_native_double()
        case .int32: flowlab_h5t_native_int32()
        case .int64: flowlab_h5t_native_int64()
        case .uint8: flowlab_h5t_native_uint8()
        case .string, .unsupported: nil
        }
    }

    /// Classifies a stored HDF5 type (of any byte order) as one of FlowHDF5's element types.
    init(typeID: hid_t) {
        let size = H5Tget_size(typeID)
        switch H5Tget_class(typeID) {
        case H5T_FLOAT:
            self = size == 4 ? .float32 : size == 8 ? .float64 : .unsupported("float\(size * 8)")
        case H5T_INTEGER:
            let isSigned = H5Tget_sign(typeID) != H5T_SGN_NONE
            switch (isSigned, size) {
            case (true, 4): self = .int32
            case (true, 8): self = .int64
            case (false, 1): self = .uint8
            default: self = .unsupported((isSigned ? "int" : "uint") + String(size * 8))
            }
        case H5T_STRING: self = .string
        case H5T_COMPOUND: self = .unsupported("compound")
        case H5T_ENUM: self = .unsupported("enum")
        case H5T_ARRAY: self = .unsupported("array")
        case H5T_VLEN: self = .unsupported("vlen")
        case H5T_OPAQUE: self = .unsupported("opaque")
        case H5T_BITFIELD: self = .unsupported("bitfield")
        case H5T_REFERENCE: self = .unsupported("reference")
        default: self = .unsupported("unknown")
        }
    }
}
