/// The element type of a stored dataset or attribute, as FlowHDF5 sees it.
public enum HDF5DataType: Hashable, Sendable, CustomStringConvertible {
    /// 32-bit IEEE float (Swift `Float`).
    case float32
    /// 64-bit IEEE float (Swift `Double`).
    case float64
    /// Signed 32-bit integer (Swift `Int32`).
    case int32
    /// Signed 64-bit integer (Swift `Int64`).
    case int64
    /// Unsigned 8-bit integer (Swift `UInt8`).
    case uint8
    /// Text, fixed- or variable-length (Swift `String`).
    case string
    /// A type FlowHDF5 cannot read into Swift values; the payload names it (e.g. "int16", "compound").
    case unsupported(String)

    /// The lower-case name used in messages and in `treeDescription()` (e.g. "float32").
    public var description: String {
        switch self {
        case .float32: "float32"
        case .float64: "float64"
        case .int32: "int32"
        case .int64: "int64"
        case .uint8: "uint8"
        case .string: "string"
        case .unsupported(let name): name
        }
    }

    /// Whether every value of this stored type is exactly representable as `target`.
    ///
    /// These are the conversions `HDF5File.read` performs: identity, float32 to float64,
    /// int32 to int64 or float64, and uint8 to any numeric type. Everything else
    /// (narrowing, float to integer, int64 to float64) is refused with `.typeMismatch`.
    public func isLosslesslyConvertible(to target: HDF5DataType) -> Bool {
        switch (self, target) {
        case (.float32, .float32), (.float64, .float64), (.int32, .int32), (.int64, .int64), (.uint8, .uint8):
            true
        case (.float32, .float64), (.int32, .int64), (.int32, .float64):
            true
        case (.uint8, .int32), (.uint8, .int64), (.uint8, .float32), (.uint8, .float64):
            true
        default:
            false
        }
    }
}
