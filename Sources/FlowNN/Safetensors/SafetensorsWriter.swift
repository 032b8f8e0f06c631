import Foundation
import FlowTensor

/// Writing `name → tensor` maps as safetensors files (F32 or F64, as each tensor is stored), readable by
/// `safetensors.torch.load_file` and by `SafetensorsFile`.
public enum SafetensorsWriter {
    /// The bytes of a safetensors file holding `tensors` (names sorted; header padded to 8 bytes with spaces).
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String] = [:]) throws -> Data {
        var header: [String: Any] = [:]
        if !metadata.isEmpty { header["__metadata__"] = metadata }
        var offset = 0
        let names = tensors.keys.sorted()
        for name in names {
            let tensor = tensors[name]!
            let bytes = tensor.count * tensor.dtype.byteCount
            header[name] = ["dtype": tensor.dtype == .float32 ? "F32" : "F64", "shape": tensor.shape,
                            "data_offsets": [offset, offset + bytes]] as [String: Any]
            offset += bytes
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }
        var data = Data()
        var length = UInt64(json.count).littleEndian
        withUnsafeBytes(of: &length) { data.append(contentsOf: $0) }
        data.append(json)
        for name in names {
            let tensor = tensors[name]!
            switch tensor.dtype {
            case .float32: for value in tensor.buffer(Float.self) { var bits = value.bitPattern.littleEndian; withUnsafeBytes(of: &bits) { data.append(contentsOf: $0) } }
            case .float64: for value in tensor.buffer(Double.self) { var bits = value.bitPattern.littleEndian; withUnsafeBytes(of: &bits) { data.append(contentsOf: $0) } }
            }
        }
        return data
    }

    /// Writes `tensors` to `url` atomically (a temporary file renamed over the target).
    public static func write(_ tensors: [String: Tensor], to url: URL, metadata: [String: String] = [:]) throws {
        do {
            try encode(tensors, metadata: metadata).write(to: url, options: .atomic)
        } catch let error as SafetensorsError {
            throw error
        } catch {
            throw SafetensorsError(file: url.path, "cannot write: \(error.localizedDescription)")
        }
    }
}
