import Foundation

/// The parts of a COCO captions JSON (`captions_train2017.json` and the like) an import needs.
struct COCOCaptionsFile: Decodable {
    /// One entry of `images`.
    struct Image: Decodable {
        let id: Int
        let file_name: String
    }

    /// One entry of `annotations`.
    struct Annotation: Decodable {
        let image_id: Int
        let caption: String
    }

    let images: [Image]
    let annotations: [Annotation]

    /// Parses `url`; throws a `DataError` naming the file and the JSON key or position that was wrong.
    static func load(_ url: URL) throws -> COCOCaptionsFile {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError("cannot read the captions file: \(error.localizedDescription)", location: url.path)
        }
        do {
            return try JSONDecoder().decode(COCOCaptionsFile.self, from: data)
        } catch let DecodingError.keyNotFound(key, context) {
            throw DataError("missing key '\(key.stringValue)' (a COCO captions file has `images` [{id, file_name}] and `annotations` [{image_id, caption}])",
                            location: url.path, key: Self.path(context.codingPath))
        } catch let DecodingError.typeMismatch(_, context) {
            throw DataError("wrong type: \(context.debugDescription)", location: url.path, key: Self.path(context.codingPath))
        } catch let DecodingError.valueNotFound(_, context) {
            throw DataError("missing value: \(context.debugDescription)", location: url.path, key: Self.path(context.codingPath))
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw DataError("bad value: \(context.debugDescription)", location: url.path, key: Self.path(context.codingPath))
        } catch DecodingError.dataCorrupted {
            throw DataError("not valid JSON: \(Self.syntaxError(in: data))", location: url.path)
        } catch {
            throw DataError("not a COCO captions file: \(error)", location: url.path)
        }
    }

    /// Where and why `data` is not JSON, e.g. `line 2, column 2: Invalid value around character 16.` (from JSONSerialization).
    private static func syntaxError(in data: Data) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data)
            return "unreadable"
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
            guard let range = detail.range(of: #"character (\d+)"#, options: .regularExpression),
                  let offset = Int(detail[range].dropFirst("character ".count)), offset <= data.count else { return detail }
            let before = data.prefix(offset)
            let line = before.filter { $0 == UInt8(ascii: "\n") }.count + 1
            let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 - data.startIndex + 1 } ?? 0) + 1
            return "line \(line), column \(column): \(detail)"
        }
    }

    /// A coding path as `annotations[3].caption`.
    private static func path(_ codingPath: [CodingKey]) -> String {
        codingPath.reduce("") { text, key in
            if let index = key.intValue { return text + "[\(index)]" }
            return text.isEmpty ? key.stringValue : text + "." + key.stringValue
        }
    }
}
