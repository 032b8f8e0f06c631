import Foundation
import FlowTensor
import ZIPFoundation

/// A PyTorch archive read without PyTorch: `torch.save` files (`.pt`, `.pth`, `.bin`, zip format since 1.6) and
/// TorchScript archives (`torch.jit.save`), as a flat `dotted.name → Tensor` map like the other weight readers.
///
/// The zip holds `<prefix>/data.pkl` (the object tree, read by `RestrictedUnpickler`: no code runs) and one
/// entry `<prefix>/data/<key>` per storage. Names come from the tree: dictionary keys (a state dict's own
/// names), and for TorchScript module objects their attribute names, so a TorchScript Inception yields
/// `net.layers.conv.weight`, as `dict(torch.jit.load(path).named_parameters())` does. float64 tensors stay
/// float64, every other storage type becomes float32.
///
/// ```swift
/// let archive = try PyTorchArchive(contentsOf: URL(fileURLWithPath: "default_1.pt"))
/// let tensors = try archive.tensors()             // ["net.layers.conv.weight": Tensor [32, 3, 3, 3], ...]
/// archive.root["net"]?["layers"]                  // the module tree, for attributes such as strides
/// ```
public struct PyTorchArchive {
    /// The archive's path.
    public let url: URL
    /// The unpickled `data.pkl`.
    public let root: PickleValue
    /// The entry prefix (`archive`, `out_jit_module`), the folder that holds `data.pkl`.
    public let prefix: String
    private let archive: Archive

    /// Opens the archive at `url` and unpickles its `data.pkl`; storages are read by `tensors()`.
    public init(contentsOf url: URL) throws {
        self.url = url
        let path = url.path
        guard FileManager.default.fileExists(atPath: path) else {
            throw PyTorchArchiveError(file: path, message: "no such file")
        }
        let handle = try FileHandle(forReadingFrom: url)
        let magic = try handle.read(upToCount: 4) ?? Data()
        try? handle.close()
        guard magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) else {
            if magic.first == 0x80 {
                throw PyTorchArchiveError(file: path, message: "a legacy (pre-1.6, non-zip) torch.save file, which is not supported; re-save it with a current PyTorch")
            }
            throw PyTorchArchiveError(file: path, message: "not a zip archive (PyTorch .pt/.pth/.bin or TorchScript); it starts with bytes \(magic.map { String(format: "%02x", $0) }.joined(separator: " "))")
        }
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw PyTorchArchiveError(file: path, message: "malformed zip archive (\(error))")
        }
        let pickles = archive.filter { $0.type == .file && $0.path.hasSuffix("data.pkl") }
            .filter { $0.path.split(separator: "/").count == 2 }
        guard pickles.count == 1, let pickleEntry = pickles.first else {
            throw PyTorchArchiveError(file: path, message: pickles.isEmpty
                ? "no <prefix>/data.pkl entry: not a PyTorch archive"
                : "several data.pkl entries: \(pickles.map(\.path).joined(separator: ", "))")
        }
        prefix = String(pickleEntry.path.dropLast("/data.pkl".count))
        let pickleBytes = try Self.read(pickleEntry, from: archive, file: path)
        var unpickler = RestrictedUnpickler(bytes: pickleBytes, file: path, entry: pickleEntry.path)
        root = try unpickler.load()
    }

    /// Every tensor reachable from the root by string keys and attribute names, keyed by its dotted name.
    ///
    /// Non-tensor values (flags, strides, versions) are skipped; list items are named by their index.
    /// Throws when a storage is missing, shorter than its tensors need, or two paths give the same name.
    public func tensors() throws -> [String: Tensor] {
        var references: [(String, TorchTensorReference)] = []
        collect(root, name: "", into: &references)
        var storages: [String: [UInt8]] = [:]
        var result: [String: Tensor] = [:]
        for (name, reference) in references {
            guard result[name] == nil else {
                throw PyTorchArchiveError(file: url.path, message: "two tensors are both named '\(name)'")
            }
            let key = reference.storage.key
            if storages[key] == nil { storages[key] = try storageBytes(reference.storage) }
            result[name] = try tensor(reference, bytes: storages[key]!, name: name)
        }
        return result
    }

    private func collect(_ value: PickleValue, name: String, into references: inout [(String, TorchTensorReference)]) {
        func child(_ key: String) -> String { name.isEmpty ? key : "\(name).\(key)" }
        switch value {
        case .tensor(let reference): references.append((name.isEmpty ? "tensor" : name, reference))
        case .dictionary(let dictionary):
            for (key, item) in dictionary.entries {
                if let text = key.stringValue { collect(item, name: child(text), into: &references) }
                else if let number = key.integerValue { collect(item, name: child(String(number)), into: &references) }
            }
        case .object(let object):
            if let state = object.state { collect(state, name: name, into: &references) }
        case .list, .tuple:
            for (index, item) in (value.sequence ?? []).enumerated() { collect(item, name: child(String(index)), into: &references) }
        default: break
        }
    }

    /// The bytes of storage `reference`, checked against its declared element count.
    private func storageBytes(_ reference: TorchStorageReference) throws -> [UInt8] {
        let path = "\(prefix)/data/\(reference.key)"
        guard let entry = archive[path] else {
            throw PyTorchArchiveError(file: url.path, entry: path, message: "storage '\(reference.key)' is missing from the archive")
        }
        let bytes = try Self.read(entry, from: archive, file: url.path)
        let needed = reference.elementCount * reference.type.byteCount
        guard bytes.count >= needed else {
            throw PyTorchArchiveError(file: url.path, entry: path,
                                      message: "storage holds \(bytes.count) bytes, its \(reference.elementCount) \(reference.type.rawValue) elements need \(needed)")
        }
        return bytes
    }

    /// The strided view `reference` of `bytes`, copied into a contiguous tensor.
    private func tensor(_ reference: TorchTensorReference, bytes: [UInt8], name: String) throws -> Tensor {
        let shape = reference.shape, strides = reference.strides
        let count = shape.reduce(1, *)
        guard shape.allSatisfy({ $0 >= 0 }), strides.allSatisfy({ $0 >= 0 }), reference.offset >= 0 else {
            throw PyTorchArchiveError(file: url.path, entry: "\(prefix)/data/\(reference.storage.key)",
                                      message: "tensor '\(name)' has a negative size, stride or offset: \(shape), \(strides), \(reference.offset)")
        }
        let lastIndex = reference.offset + zip(shape, strides).reduce(0) { $0 + ($1.0 - 1) * $1.1 }
        guard count == 0 || lastIndex < reference.storage.elementCount else {
            throw PyTorchArchiveError(file: url.path, entry: "\(prefix)/data/\(reference.storage.key)",
                                      message: "tensor '\(name)' \(shape) (offset \(reference.offset), strides \(strides)) reads element \(lastIndex), past the storage's \(reference.storage.elementCount) elements")
        }
        let contiguousStrides = shape.indices.map { axis in shape[(axis + 1)...].reduce(1, *) }
        if reference.storage.type == .float && strides == contiguousStrides {
            // The common case: a contiguous float32 view, copied as it is (little-endian, as every platform here).
            let scalars = bytes.withUnsafeBytes { buffer in
                (0..<count).map { buffer.loadUnaligned(fromByteOffset: (reference.offset + $0) * 4, as: Float.self) }
            }
            return Tensor(shape: shape, scalars: scalars)
        }
        var indices = [Int](repeating: 0, count: shape.count)
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBytes { buffer in
            for position in 0..<count {
                var element = reference.offset
                for axis in 0..<shape.count { element += indices[axis] * strides[axis] }
                values[position] = reference.storage.type.value(in: buffer, at: element)
                var axis = shape.count - 1
                while axis >= 0 {
                    indices[axis] += 1
                    if indices[axis] < shape[axis] { break }
                    indices[axis] = 0
                    axis -= 1
                }
            }
        }
        if reference.storage.type == .double { return Tensor(shape: shape, scalars: values) }
        return Tensor(shape: shape, scalars: values.map { Float($0) })
    }

    private static func read(_ entry: Entry, from archive: Archive, file: String) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(clamping: entry.uncompressedSize))
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in bytes.append(contentsOf: chunk) }
        } catch {
            throw PyTorchArchiveError(file: file, entry: entry.path, message: "cannot read the entry (\(error))")
        }
        return bytes
    }
}
