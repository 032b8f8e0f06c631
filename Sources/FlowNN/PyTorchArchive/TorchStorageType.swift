/// The element types of PyTorch storages (`torch.FloatStorage`, ...), their sizes and how they become FlowTensor
/// values: float64 stays float64; every other type becomes float32 (integers and booleans exactly up to 2²⁴).
public enum TorchStorageType: String, Sendable, CaseIterable {
    case float = "FloatStorage"
    case double = "DoubleStorage"
    case half = "HalfStorage"
    case bfloat16 = "BFloat16Storage"
    case long = "LongStorage"
    case int = "IntStorage"
    case short = "ShortStorage"
    case char = "CharStorage"
    case byte = "ByteStorage"
    case bool = "BoolStorage"

    /// Bytes per element.
    public var byteCount: Int {
        switch self {
        case .double, .long: return 8
        case .float, .int: return 4
        case .half, .bfloat16, .short: return 2
        case .char, .byte, .bool: return 1
        }
    }

    /// Element `index` of little-endian `bytes` (a storage), as a Double.
    func value(in bytes: UnsafeRawBufferPointer, at index: Int) -> Double {
        let offset = index * byteCount
        switch self {
        case .float: return Double(Float(bitPattern: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self).littleEndian))
        case .double: return Double(bitPattern: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self).littleEndian)
        case .half:
            let bits = bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian
            return Double(HalfPrecision.float(fromHalf: bits))
        case .bfloat16:
            return Double(HalfPrecision.float(fromBrain: bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian))
        case .long: return Double(Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
        case .int: return Double(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        case .short: return Double(Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int16.self)))
        case .char: return Double(bytes.load(fromByteOffset: offset, as: Int8.self))
        case .byte, .bool: return Double(bytes[offset])
        }
    }
}
