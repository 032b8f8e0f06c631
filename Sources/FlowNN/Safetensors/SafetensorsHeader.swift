import Foundation

/// Parsing and validating the JSON header of a safetensors file.
enum SafetensorsHeader {
    /// The tensors and metadata of `header`, with every byte range checked against a data section of `dataSize` bytes.
    ///
    /// The ranges must lie inside the data section, be exactly as long as their shape and dtype need, and not
    /// overlap; as in the reference implementation, together they must cover the data section without holes.
    static func parse(_ header: Data, file: String, dataSize: Int)
        throws -> (tensors: [String: SafetensorsTensorInfo], metadata: [String: String]) {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: header)
        } catch {
            throw SafetensorsError(file: file, "header is not valid JSON (\(header.count) bytes): \(error.localizedDescription)")
        }
        guard let entries = object as? [String: Any] else {
            throw SafetensorsError(file: file, "header is not a JSON object")
        }
        var tensors: [String: SafetensorsTensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in entries {
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else {
                    throw SafetensorsError(file: file, key: name, "metadata must map strings to strings")
                }
                metadata = strings
                continue
            }
            tensors[name] = try entry(name, value, file: file, dataSize: dataSize)
        }
        try checkCoverage(Array(tensors.values), file: file, dataSize: dataSize)
        return (tensors, metadata)
    }

    /// One tensor's entry: `{"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}`.
    private static func entry(_ name: String, _ value: Any, file: String, dataSize: Int) throws -> SafetensorsTensorInfo {
        guard let fields = value as? [String: Any] else {
            throw SafetensorsError(file: file, key: name, "entry is not a JSON object")
        }
        guard let dtypeName = fields["dtype"] as? String else {
            throw SafetensorsError(file: file, key: name, "has no \"dtype\" string")
        }
        guard let dtype = SafetensorsDType(rawValue: dtypeName) else {
            let known = SafetensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
            throw SafetensorsError(file: file, key: name, "unknown dtype '\(dtypeName)' (known: \(known))")
        }
        guard let shape = integers(fields["shape"]) else {
            throw SafetensorsError(file: file, key: name, "\"shape\" is not a list of non-negative integers")
        }
        guard let offsets = integers(fields["data_offsets"]), offsets.count == 2 else {
            throw SafetensorsError(file: file, key: name, "\"data_offsets\" is not a pair of non-negative integers")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin <= end, end <= dataSize else {
            throw SafetensorsError(file: file, key: name,
                                   "data_offsets [\(begin), \(end)] lie outside the \(dataSize)-byte data section")
        }
        var bytes = dtype.byteCount
        for extent in shape {
            let (product, overflow) = bytes.multipliedReportingOverflow(by: extent)
            guard !overflow else { throw SafetensorsError(file: file, key: name, "shape \(shape) is too large") }
            bytes = product
        }
        guard end - begin == bytes else {
            throw SafetensorsError(file: file, key: name,
                                   "data_offsets [\(begin), \(end)] hold \(end - begin) bytes, but \(dtypeName) \(shape) needs \(bytes)")
        }
        return SafetensorsTensorInfo(name: name, dtype: dtype, shape: shape, byteRange: begin..<end)
    }

    /// Throws when two byte ranges overlap or bytes of the data section belong to no tensor.
    private static func checkCoverage(_ tensors: [SafetensorsTensorInfo], file: String, dataSize: Int) throws {
        let ordered = tensors.sorted { ($0.byteRange.lowerBound, $0.byteRange.upperBound) < ($1.byteRange.lowerBound, $1.byteRange.upperBound) }
        var position = 0
        var previous: String?
        for tensor in ordered {
            if tensor.byteRange.lowerBound < position, let previous {
                throw SafetensorsError(file: file, key: tensor.name,
                                       "data_offsets [\(tensor.byteRange.lowerBound), \(tensor.byteRange.upperBound)] overlap tensor '\(previous)'")
            }
            if tensor.byteRange.lowerBound > position {
                throw SafetensorsError(file: file, key: tensor.name,
                                       "bytes \(position)..<\(tensor.byteRange.lowerBound) of the data section belong to no tensor")
            }
            position = tensor.byteRange.upperBound
            previous = tensor.name
        }
        guard position == dataSize else {
            throw SafetensorsError(file: file, "the data section has \(dataSize) bytes but the tensors cover \(position)")
        }
    }

    /// `value` as a list of non-negative integers, or nil.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let list = value as? [Any] else { return nil }
        var result: [Int] = []
        for item in list {
            guard let number = item as? Int, number >= 0 else { return nil }
            result.append(number)
        }
        return result
    }
}
