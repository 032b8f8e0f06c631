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
        } catch let DecodingError.dataCorrupted(context) {
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            throw DataError("not valid JSON: \(underlying ?? context.debugDescription)", location: url.path,
                            key: Self.path(context.codingPath))
        } catch {
            throw DataError("not a COCO captions file: \(error)", location: url.path)
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
