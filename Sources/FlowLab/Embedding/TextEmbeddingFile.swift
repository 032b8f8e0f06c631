import FlowHDF5
import FlowModels
import FlowTensor
import Foundation

/// The inputs and outputs of `flowlab embed`: texts from a file, embeddings to HDF5.
///
/// Output layout (h5py: `f["embeddings"][:]`, `f["texts"].asstr()[:]`): `/embeddings` float32 `[N, width]` (unit
/// rows), `/texts` strings `[N]`, root attributes `model`, `max_tokens`, `normalized`.
public enum TextEmbeddingFile {
    /// The texts of `url`: a JSON list of strings, or else one text per line (`\n` or `\r\n`; a final newline ends
    /// the last text, it does not add an empty one). Errors name the file and the line or element at fault.
    public static func readTexts(_ url: URL) throws -> [String] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TextEmbeddingError("\(url.path): cannot read: \(error.localizedDescription)")
        }
        let firstCharacter = data.first { ![UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t")].contains($0) }
        if firstCharacter == UInt8(ascii: "[") {
            let json: Any
            do {
                json = try JSONSerialization.jsonObject(with: data)
            } catch {
                throw TextEmbeddingError("\(url.path): starts with '[' but is not valid JSON: \(error.localizedDescription)")
            }
            guard let list = json as? [Any] else { throw TextEmbeddingError("\(url.path): is not a JSON list") }
            return try list.enumerated().map { index, item in
                guard let text = item as? String else {
                    throw TextEmbeddingError("\(url.path): element [\(index)] is not a string")
                }
                return text
            }
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let line = firstInvalidUTF8Line(data)
            throw TextEmbeddingError("\(url.path):\(line): is not UTF-8 text")
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
        }
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    /// Writes `/embeddings` and `/texts` to `url` atomically.
    public static func write(embeddings: Tensor, texts: [String], model: String, maximumTokens: Int, to url: URL) throws {
        precondition(embeddings.rank == 2 && embeddings.shape[0] == texts.count, "one embedding row per text")
        try HDF5File.writeAtomically(to: url) { file in
            try file.write(embeddings.floats, shape: embeddings.shape, to: "/embeddings")
            try file.writeStrings(texts, to: "/texts")
            try file.setAttribute("model", .string(model))
            try file.setAttribute("max_tokens", .int(maximumTokens))
            try file.setAttribute("normalized", .int(1))
        }
    }

    /// The 1-based line holding the first byte sequence that is not UTF-8.
    private static func firstInvalidUTF8Line(_ data: Data) -> Int {
        var line = 1
        var start = data.startIndex
        for index in data.indices where data[index] == UInt8(ascii: "\n") {
            if String(data: data[start..<index], encoding: .utf8) == nil { return line }
            line += 1
            start = data.index(after: index)
        }
        return line
    }
}
