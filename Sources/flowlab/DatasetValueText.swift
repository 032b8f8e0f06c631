import FlowHDF5
import Foundation

/// A dataset's values as text, laid out like NumPy prints arrays: nested brackets by dimension, long
/// dimensions shortened to their first and last three entries. Example output for an int32 `[2, 3]`:
///
///     [[1, 2, 3],
///      [4, 5, 6]]
enum DatasetValueText {
    /// Above this many elements, every dimension longer than `2 * edgeItems` is shortened, as NumPy does.
    static let summaryThreshold = 1000
    /// Entries kept at each end of a shortened dimension.
    static let edgeItems = 3

    /// The header line `path  dtype [shape]` and the values of the dataset at `path`.
    static func text(of file: HDF5File, at path: String) throws -> String {
        let info = try file.datasetInfo(path)
        let shape = info.shape.isEmpty ? "scalar" : "[" + info.shape.map(String.init).joined(separator: ", ") + "]"
        return "\(path)  \(info.dataType) \(shape)\n" + (try values(of: file, at: path, info: info)) + "\n"
    }

    /// The values of the dataset at `path` formatted by its stored type.
    static func values(of file: HDF5File, at path: String, info: HDF5DatasetInfo) throws -> String {
        let elements: [String]
        switch info.dataType {
        case .float32: elements = try file.read(path, as: Float.self).values.map { "\($0)" }
        case .float64: elements = try file.read(path, as: Double.self).values.map { "\($0)" }
        case .int32: elements = try file.read(path, as: Int32.self).values.map { "\($0)" }
        case .int64: elements = try file.read(path, as: Int64.self).values.map { "\($0)" }
        case .uint8: elements = try file.read(path, as: UInt8.self).values.map { "\($0)" }
        case .string: elements = try file.readStrings(path).map { String(reflecting: $0) }
        case .unsupported(let name): return "(values of type \(name) cannot be shown)"
        }
        if info.shape.isEmpty { return elements.first ?? "" }
        return nested(elements, shape: info.shape, summarize: elements.count > summaryThreshold)
    }

    /// Row-major `elements` of `shape` as nested brackets, one innermost row per line.
    static func nested(_ elements: [String], shape: [Int], summarize: Bool) -> String {
        func render(offset: Int, dimension: Int, indent: String) -> String {
            let length = shape[dimension]
            let stride = shape[(dimension + 1)...].reduce(1, *)
            var indices: [Int?] = Array(0..<length)
            if summarize && length > 2 * edgeItems {
                indices = Array(0..<edgeItems) + [nil] + Array((length - edgeItems)..<length)
            }
            if dimension == shape.count - 1 {
                return "[" + indices.map { $0.map { elements[offset + $0] } ?? "..." }.joined(separator: ", ") + "]"
            }
            let separator = ",\n" + String(repeating: "\n", count: shape.count - dimension - 2) + indent + " "
            return "[" + indices.map { index in
                index.map { render(offset: offset + $0 * stride, dimension: dimension + 1, indent: indent + " ") } ?? "..."
            }.joined(separator: separator) + "]"
        }
        return render(offset: 0, dimension: 0, indent: "")
    }
}
