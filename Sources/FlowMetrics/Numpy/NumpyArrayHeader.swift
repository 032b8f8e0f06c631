import Foundation

/// The parsed header dictionary of a `.npy` file: `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`.
struct NumpyArrayHeader: Equatable {
    /// The dtype string, e.g. `<f8`.
    let descriptor: String
    /// Whether the data is stored column-major.
    let fortranOrder: Bool
    /// The array shape; `[]` for a scalar.
    let shape: [Int]

    /// Parses the Python dict literal NumPy writes; `path` only names the file in errors.
    init(parsing text: String, path: String) throws {
        func fail(_ reason: String) -> NumpyFileError {
            NumpyFileError(path: path, reason: "malformed header (\(reason)): \(text.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        func value(after key: String) throws -> Substring {
            guard let keyRange = text.range(of: "'\(key)'") ?? text.range(of: "\"\(key)\"") else {
                throw fail("no '\(key)' key")
            }
            var rest = text[keyRange.upperBound...].drop(while: { $0 == " " })
            guard rest.first == ":" else { throw fail("no ':' after '\(key)'") }
            rest = rest.dropFirst().drop(while: { $0 == " " })
            return rest
        }

        let descriptorText = try value(after: "descr")
        guard let quote = descriptorText.first, quote == "'" || quote == "\"",
              let end = descriptorText.dropFirst().firstIndex(of: quote)
        else {
            throw fail("'descr' is not a string (structured dtypes are not supported)")
        }
        descriptor = String(descriptorText[descriptorText.index(after: descriptorText.startIndex)..<end])

        let orderText = try value(after: "fortran_order")
        if orderText.hasPrefix("True") {
            fortranOrder = true
        } else if orderText.hasPrefix("False") {
            fortranOrder = false
        } else {
            throw fail("'fortran_order' is neither True nor False")
        }

        let shapeText = try value(after: "shape")
        guard shapeText.first == "(", let close = shapeText.firstIndex(of: ")") else {
            throw fail("'shape' is not a tuple")
        }
        let inside = shapeText[shapeText.index(after: shapeText.startIndex)..<close]
        var dimensions: [Int] = []
        for part in inside.split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let dimension = Int(trimmed.hasSuffix("L") ? String(trimmed.dropLast()) : trimmed), dimension >= 0 else {
                throw fail("shape entry '\(trimmed)' is not a non-negative integer")
            }
            dimensions.append(dimension)
        }
        shape = dimensions
    }
}
