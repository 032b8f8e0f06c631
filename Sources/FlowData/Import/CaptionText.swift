import Foundation

/// Turns caption sources (annotation strings, sidecar files, PNG text, file paths) into clean captions.
enum CaptionText {
    /// Whitespace (including newlines) collapsed to single spaces, trimmed; the five XML entities clip-art titles carry decoded.
    static func normalized(_ text: String) -> String {
        var decoded = text
        if decoded.contains("&") {
            for (entity, character) in [("&quot;", "\""), ("&apos;", "'"), ("&#39;", "'"), ("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&")] {
                decoded = decoded.replacingOccurrences(of: entity, with: character)
            }
        }
        return decoded.split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }

    /// The non-empty lines of a sidecar caption file, one caption per line.
    ///
    /// Throws a `DataError` naming the file and line when the bytes are not UTF-8 or a line holds a NUL.
    static func sidecarCaptions(_ data: Data, path: String) throws -> [String] {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }  // UTF-8 byte-order mark
        var captions: [String] = []
        for (number, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard let text = String(validating: line, as: UTF8.self) else {
                throw DataError("caption is not valid UTF-8 (convert the file, e.g. with iconv -t UTF-8)", location: path,
                                key: "line \(number + 1)")
            }
            guard !text.contains("\u{0}") else {
                throw DataError("caption contains a NUL character", location: path, key: "line \(number + 1)")
            }
            let caption = normalized(text)
            if !caption.isEmpty { captions.append(caption) }
        }
        return captions
    }

    /// Captions from PNG text chunks: `Title`, then `Description` when it says something else.
    static func embeddedCaptions(_ text: [String: String]) -> [String] {
        var captions: [String] = []
        for keyword in ["Title", "Description"] {
            if let value = text[keyword].map(normalized), !value.isEmpty, !captions.contains(value) { captions.append(value) }
        }
        return captions
    }

    /// A caption made of a relative path's words: `animals/black_cat-02.png` -> `black cat`.
    ///
    /// The file name is split at `_`, `-`, `.`, spaces and lower-to-upper case changes; number-only words
    /// are dropped; when nothing is left, the folder names are used.
    static func pathWords(_ relativePath: String) -> String {
        var components = relativePath.split(separator: "/").map(String.init)
        guard let file = components.popLast() else { return "" }
        let stem = (file as NSString).deletingPathExtension
        let fileWords = words(stem)
        if !fileWords.isEmpty { return fileWords.joined(separator: " ") }
        return components.flatMap(words).joined(separator: " ")
    }

    private static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLowercase = false
        for character in text {
            if character == "_" || character == "-" || character == "." || character.isWhitespace {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLowercase = false
                continue
            }
            if character.isUppercase, previousWasLowercase, !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.append(character)
            previousWasLowercase = character.isLowercase
        }
        if !current.isEmpty { words.append(current) }
        return words.filter { !$0.allSatisfy(\.isNumber) }.map { $0.lowercased() }
    }
}
