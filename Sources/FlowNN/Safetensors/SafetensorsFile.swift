import Foundation
import FlowTensor

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A safetensors file, memory-mapped: an 8-byte little-endian header length, a JSON header naming each
/// tensor's dtype, shape and byte range, then the little-endian elements.
///
/// The header is checked completely when the file is opened (length within the file, every dtype known,
/// every byte range inside the data section, of the size its shape needs, and no two ranges overlapping),
/// so reading a tensor afterwards can never read outside the file. Tensors are copied out one at a time,
/// so the file is never held twice in memory.
///
/// ```swift
/// let file = try SafetensorsFile(url: modelFolder.appendingPathComponent("model.safetensors"))
/// let table = try file.tensor("embeddings.word_embeddings.weight")   // [30522, 384] float32
/// try model.loadSafetensors(file, ignoring: ["embeddings.position_ids"])
/// ```
public final class SafetensorsFile: @unchecked Sendable {
    /// Where the file is.
    public let url: URL
    /// The tensors, keyed by name.
    public let tensors: [String: SafetensorsTensorInfo]
    /// The free-form `__metadata__` strings of the header.
    public let metadata: [String: String]

    private let mapping: UnsafeRawPointer
    private let mappedSize: Int
    private let dataOffset: Int

    /// The largest header the format allows (the reference implementation's limit).
    static let maximumHeaderSize = 100_000_000

    /// Opens and maps the file at `url`, validating its header.
    public init(url: URL) throws {
        self.url = url
        let path = url.path
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw SafetensorsError(file: path, "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw SafetensorsError(file: path, "cannot stat: \(String(cString: strerror(errno)))")
        }
        let size = Int(status.st_size)
        guard size >= 8 else {
            throw SafetensorsError(file: path, "is \(size) bytes long, shorter than the 8-byte header length")
        }
        guard let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapped != MAP_FAILED else {
            throw SafetensorsError(file: path, "cannot map into memory: \(String(cString: strerror(errno)))")
        }
        let base = UnsafeRawPointer(mapped)
        do {
            let headerLength = base.loadUnaligned(as: UInt64.self).littleEndian
            guard headerLength <= UInt64(size - 8) else {
                throw SafetensorsError(file: path, "header length \(headerLength) runs past the end of the \(size)-byte file")
            }
            guard headerLength <= UInt64(Self.maximumHeaderSize) else {
                throw SafetensorsError(file: path, "header length \(headerLength) exceeds the format's limit of \(Self.maximumHeaderSize) bytes")
            }
            let header = Data(bytes: base + 8, count: Int(headerLength))
            let parsed = try SafetensorsHeader.parse(header, file: path, dataSize: size - 8 - Int(headerLength))
            tensors = parsed.tensors
            metadata = parsed.metadata
        } catch {
            munmap(mapped, size)
            throw error
        }
        mapping = base
        mappedSize = size
        dataOffset = 8 + Int(base.loadUnaligned(as: UInt64.self).littleEndian)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: mapping), mappedSize) }

    /// The tensor names, sorted.
    public var names: [String] { tensors.keys.sorted() }

    /// The header entry of `name`, or an error naming the file and the tensor.
    public func info(_ name: String) throws -> SafetensorsTensorInfo {
        guard let info = tensors[name] else {
            throw SafetensorsError(file: url.path, key: name, "no such tensor (the file holds \(tensors.count))")
        }
        return info
    }

    /// The floating-point tensor `name` as a new `Tensor` of `dtype` (F16, BF16 and F64 are converted).
    public func tensor(_ name: String, dtype: DType = .float32) throws -> Tensor {
        let info = try info(name)
        let result = Tensor.zeros(info.shape, dtype: dtype)
        switch dtype {
        case .float32: try result.withUnsafeMutableBuffer(Float.self) { try read(name, into: $0) }
        case .float64: try result.withUnsafeMutableBuffer(Double.self) { try read(name, into: $0) }
        }
        return result
    }

    /// The integer (or boolean) tensor `name`'s elements as `Int64`s, row-major.
    public func integers(_ name: String) throws -> [Int64] {
        let info = try info(name)
        let bytes = mapping + dataOffset + info.byteRange.lowerBound
        let load: (Int) -> Int64
        switch info.dtype {
        case .int64: load = { bytes.loadUnaligned(fromByteOffset: $0 * 8, as: Int64.self).littleEndian }
        case .int32: load = { Int64(bytes.loadUnaligned(fromByteOffset: $0 * 4, as: Int32.self).littleEndian) }
        case .int16: load = { Int64(bytes.loadUnaligned(fromByteOffset: $0 * 2, as: Int16.self).littleEndian) }
        case .int8: load = { Int64(bytes.load(fromByteOffset: $0, as: Int8.self)) }
        case .uint8, .bool: load = { Int64(bytes.load(fromByteOffset: $0, as: UInt8.self)) }
        default:
            throw SafetensorsError(file: url.path, key: name, "is \(info.dtype.rawValue), not an integer tensor")
        }
        return (0..<info.count).map(load)
    }

    /// Converts the floating-point tensor `name` into `destination`, which must hold exactly its elements.
    public func read<S: TensorScalar>(_ name: String, into destination: UnsafeMutableBufferPointer<S>) throws {
        let info = try info(name)
        guard destination.count == info.count else {
            throw SafetensorsError(file: url.path, key: name, "holds \(info.count) elements, \(destination.count) expected")
        }
        let bytes = mapping + dataOffset + info.byteRange.lowerBound
        switch info.dtype {
        case .float32 where S.self == Float.self && UInt32(1).littleEndian == 1:
            // Same layout: one copy straight from the mapped file.
            UnsafeMutableRawPointer(destination.baseAddress!).copyMemory(from: bytes, byteCount: info.count * 4)
        case .float32:
            for i in 0..<info.count { destination[i] = S(Float(bitPattern: bytes.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self).littleEndian)) }
        case .float64:
            for i in 0..<info.count { destination[i] = S(Double(bitPattern: bytes.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self).littleEndian)) }
        case .float16:
            for i in 0..<info.count { destination[i] = S(HalfPrecision.float(fromHalf: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self).littleEndian)) }
        case .bfloat16:
            for i in 0..<info.count { destination[i] = S(HalfPrecision.float(fromBrain: bytes.loadUnaligned(fromByteOffset: i * 2, as: UInt16.self).littleEndian)) }
        default:
            throw SafetensorsError(file: url.path, key: name, "is \(info.dtype.rawValue), not a floating-point tensor")
        }
    }
}
