import Foundation

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
            return Double(Self.halfToFloat(bits))
        case .bfloat16:
            let bits = UInt32(bytes.loadUnaligned(fromByteOffset: offset, as: UInt16.self).littleEndian) << 16
            return Double(Float(bitPattern: bits))
        case .long: return Double(Int64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int64.self)))
        case .int: return Double(Int32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int32.self)))
        case .short: return Double(Int16(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: Int16.self)))
        case .char: return Double(bytes.load(fromByteOffset: offset, as: Int8.self))
        case .byte, .bool: return Double(bytes[offset])
        }
    }

    /// IEEE half-precision bits as a Float (subnormals, infinities and NaN included).
    static func halfToFloat(_ bits: UInt16) -> Float {
        let sign: Float = bits & 0x8000 != 0 ? -1 : 1
        let exponent = Int((bits >> 10) & 0x1F), fraction = Float(bits & 0x3FF)
        switch exponent {
        case 0: return sign * fraction * Float(pow(2.0, -24.0))
        case 31: return fraction == 0 ? sign * .infinity : .nan
        default: return sign * (1 + fraction / 1024) * Float(pow(2.0, Double(exponent - 15)))
        }
    }
}
