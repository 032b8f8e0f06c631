import Foundation
import FlowHDF5
import FlowTensor

/// Reading and writing `dotted.name → tensor` maps as HDF5 datasets `/<group>/<dotted.name>`.
///
/// Each tensor is stored in its own dtype (float32 for default parameters) with its shape, so h5py reads
/// a checkpoint as `f["params"]["blocks.0.attn.qkv.weight"]`.
///
/// ```swift
/// try StateDictionary.save(model.stateDict(), to: url)          // atomic: temporary file + rename
/// try model.loadStateDict(StateDictionary.load(from: url))      // throws on missing/extra/mis-shaped names
/// ```
public enum StateDictionary {
    /// Writes `dictionary` to a new HDF5 file at `url` under `group`, atomically (any old file is replaced only on success).
    public static func save(_ dictionary: [String: Tensor], to url: URL, group: String = "params") throws {
        try HDF5File.writeAtomically(to: url) { file in
            try write(dictionary, to: file, group: group)
        }
    }

    /// Reads every dataset under `group` of the HDF5 file at `url` as a tensor, keyed by its name.
    public static func load(from url: URL, group: String = "params") throws -> [String: Tensor] {
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        return try read(from: file, group: group)
    }

    /// Writes `dictionary` into an open file as datasets `/<group>/<name>` (for checkpoints holding several groups).
    public static func write(_ dictionary: [String: Tensor], to file: HDF5File, group: String = "params") throws {
        try file.createGroup(group)
        for name in dictionary.keys.sorted() {
            guard !name.isEmpty, !name.contains("/") else {
                throw HDF5Error(.invalidArgument, file: file.url.path, objectPath: "/\(group)", operation: "write state dictionary",
                                message: "tensor name '\(name)' is empty or contains '/'")
            }
            let tensor = dictionary[name]!
            let path = "/\(group)/\(name)"
            switch tensor.dtype {
            case .float32: try file.write(Array(tensor.buffer(Float.self)), shape: tensor.shape, to: path)
            case .float64: try file.write(Array(tensor.buffer(Double.self)), shape: tensor.shape, to: path)
            }
        }
    }

    /// Reads every float32 or float64 dataset below `/<group>` of an open file, keyed by its path inside the group.
    public static func read(from file: HDF5File, group: String = "params") throws -> [String: Tensor] {
        let root = "/" + group.trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        var dictionary: [String: Tensor] = [:]
        for path in try file.datasetPaths(under: root) {
            let name = String(path.dropFirst(root.count + 1))
            let info = try file.datasetInfo(path)
            switch info.dataType {
            case .float32:
                let (values, shape) = try file.read(path, as: Float.self)
                dictionary[name] = Tensor(shape: shape, scalars: values)
            case .float64:
                let (values, shape) = try file.read(path, as: Double.self)
                dictionary[name] = Tensor(shape: shape, scalars: values)
            default:
                throw HDF5Error(.typeMismatch, file: file.url.path, objectPath: path, operation: "read state dictionary",
                                message: "stored type \(info.dataType) is not a float32 or float64 tensor")
            }
        }
        return dictionary
    }
}
