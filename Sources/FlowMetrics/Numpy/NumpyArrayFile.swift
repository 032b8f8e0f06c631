import Foundation

/// A reader for NumPy `.npy` files holding a little-endian float matrix (`'<f4'` or `'<f8'`, C order).
///
/// Supports format versions 1.0, 2.0 and 3.0. Anything else (Fortran order, other dtypes, big-endian
/// data, object arrays, truncated data) is rejected with a `NumpyFileError` naming the file.
public enum NumpyArrayFile {
    /// The element types the reader accepts.
    enum ElementType: String {
        case float32 = "<f4"
        case float64 = "<f8"

        /// Bytes per element.
        var byteCount: Int { self == .float32 ? 4 : 8 }
    }

    /// Reads a 2-D `.npy` array as a feature set (rows = samples, columns = features).
    ///
    /// - Throws: `NumpyFileError` for unreadable or unsupported files, `FeatureMetricsError` for NaN/infinity.
    public static func readFeatureSet(at url: URL) throws -> FeatureSet {
        let (shape, values) = try readArray(at: url)
        guard shape.count == 2 else {
            throw NumpyFileError(path: url.path, reason: "expected a 2-D array (samples, features), found shape \(shape)")
        }
        return try FeatureSet(rows: shape[0], columns: shape[1], values: values)
    }

    /// Reads any-dimensional `.npy` float data, returning its shape and values widened to Float64 (C order).
    public static func readArray(at url: URL) throws -> (shape: [Int], values: [Double]) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw NumpyFileError(path: url.path, reason: "cannot read the file (\(error.localizedDescription))")
        }
        return try decode(data, path: url.path)
    }

    /// Decodes the bytes of a `.npy` file; `path` only names the file in errors.
    static func decode(_ data: Data, path: String) throws -> (shape: [Int], values: [Double]) {
        let bytes = [UInt8](data)
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // "\x93NUMPY"
        guard bytes.count >= 10, Array(bytes[0..<6]) == magic else {
            throw NumpyFileError(path: path, reason: "not a .npy file (missing the \\x93NUMPY magic string)")
        }
        let major = bytes[6]
        let headerLength: Int
        let headerStart: Int
        switch major {
        case 1:
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8
            headerStart = 10
        case 2, 3:
            guard bytes.count >= 12 else {
                throw NumpyFileError(path: path, reason: "file ends inside the header length")
            }
            headerLength = Int(bytes[8]) | Int(bytes[9]) << 8 | Int(bytes[10]) << 16 | Int(bytes[11]) << 24
            headerStart = 12
        default:
            throw NumpyFileError(path: path, reason: "unsupported .npy format version \(major).\(bytes[7]) (expected 1, 2 or 3)")
        }
        let dataStart = headerStart + headerLength
        guard bytes.count >= dataStart else {
            throw NumpyFileError(path: path, reason: "file ends inside the \(headerLength)-byte header")
        }
        let headerBytes = bytes[headerStart..<dataStart]
        guard let headerText = String(bytes: headerBytes, encoding: major == 3 ? .utf8 : .isoLatin1) else {
            throw NumpyFileError(path: path, reason: "header is not valid text")
        }
        let header = try NumpyArrayHeader(parsing: headerText, path: path)
        guard let elementType = ElementType(rawValue: header.descriptor) else {
            throw NumpyFileError(
                path: path,
                reason: "unsupported dtype '\(header.descriptor)' (expected little-endian float32 '<f4' or float64 '<f8')")
        }
        guard !header.fortranOrder else {
            throw NumpyFileError(path: path, reason: "Fortran-order arrays are not supported; save with np.ascontiguousarray")
        }
        var count = 1
        for dimension in header.shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
            guard !overflow, product <= Int.max / 8 else {
                throw NumpyFileError(path: path, reason: "shape \(header.shape) is too large")
            }
            count = product
        }
        let byteCount = count * elementType.byteCount
        guard bytes.count - dataStart >= byteCount else {
            throw NumpyFileError(
                path: path,
                reason: "data is truncated: shape \(header.shape) needs \(byteCount) bytes, file has \(bytes.count - dataStart)")
        }
        var values = [Double](repeating: 0, count: count)
        bytes.withUnsafeBytes { raw in
            let payload = UnsafeRawBufferPointer(rebasing: raw[dataStart..<(dataStart + byteCount)])
            switch elementType {
            case .float32:
                for index in 0..<count {
                    let bits = payload.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                    values[index] = Double(Float(bitPattern: UInt32(littleEndian: bits)))
                }
            case .float64:
                for index in 0..<count {
                    let bits = payload.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
                    values[index] = Double(bitPattern: UInt64(littleEndian: bits))
                }
            }
        }
        return (header.shape, values)
    }
}
