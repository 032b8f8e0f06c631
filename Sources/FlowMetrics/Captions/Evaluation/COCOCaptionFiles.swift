import Foundation

/// Readers for the two COCO caption formats: results (`[{"image_id", "caption"}]`) and
/// annotations (`{"annotations": [{"image_id", "caption"}, ...]}`).
enum COCOCaptionFiles {
    /// One `(image_id, caption)` entry in file order.
    struct Entry {
        let imageID: CaptionImageID
        let caption: String
    }

    /// Reads a results file: one candidate caption per image id.
    static func readCandidates(_ path: String) throws -> [Entry] {
        let json = try readJSON(path, role: "candidates")
        guard let array = json as? [Any] else {
            throw CaptionEvaluationError(
                "\(path): expected a JSON array of {\"image_id\", \"caption\"} objects (COCO results format), found \(kind(of: json))")
        }
        guard !array.isEmpty else { throw CaptionEvaluationError("\(path): the candidates array is empty") }
        let entries = try array.enumerated().map { try entry($1, at: "[\($0)]", in: path) }
        var seen: [CaptionImageID: Int] = [:]
        for (index, entry) in entries.enumerated() {
            if let first = seen[entry.imageID] {
                throw CaptionEvaluationError(
                    "\(path): image_id \(entry.imageID) has more than one candidate ([\(first)] and [\(index)]); the results format allows one per image")
            }
            seen[entry.imageID] = index
        }
        return entries
    }

    /// Reads an annotations file: any number of reference captions per image id.
    static func readReferences(_ path: String) throws -> [Entry] {
        let json = try readJSON(path, role: "references")
        guard let object = json as? [String: Any] else {
            throw CaptionEvaluationError(
                "\(path): expected a COCO annotations object {\"annotations\": [{\"image_id\", \"caption\"}, ...]}, found \(kind(of: json))")
        }
        guard let annotations = object["annotations"] else {
            throw CaptionEvaluationError("\(path): missing key \"annotations\" (COCO annotations format)")
        }
        guard let array = annotations as? [Any] else {
            throw CaptionEvaluationError("\(path): \"annotations\" must be an array, found \(kind(of: annotations))")
        }
        return try array.enumerated().map { try entry($1, at: "annotations[\($0)]", in: path) }
    }

    static func readJSON(_ path: String, role: String) throws -> Any {
        guard FileManager.default.fileExists(atPath: path) else {
            throw CaptionEvaluationError("\(role) file not found: \(path)")
        }
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CaptionEvaluationError("cannot read \(role) file \(path): \(error.localizedDescription)")
        }
        do { return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            throw CaptionEvaluationError("\(path): not valid JSON (\(error.localizedDescription))")
        }
    }

    static func entry(_ value: Any, at location: String, in path: String) throws -> Entry {
        guard let object = value as? [String: Any] else {
            throw CaptionEvaluationError("\(path): \(location): expected an object with \"image_id\" and \"caption\", found \(kind(of: value))")
        }
        guard let rawID = object["image_id"] else { throw CaptionEvaluationError("\(path): \(location): missing \"image_id\"") }
        guard let rawCaption = object["caption"] else { throw CaptionEvaluationError("\(path): \(location): missing \"caption\"") }
        guard let caption = rawCaption as? String else {
            throw CaptionEvaluationError("\(path): \(location).caption: expected a string, found \(kind(of: rawCaption))")
        }
        return Entry(imageID: try imageID(rawID, at: location, in: path), caption: caption)
    }

    static func imageID(_ value: Any, at location: String, in path: String) throws -> CaptionImageID {
        if let string = value as? String { return .string(string) }
        if let number = value as? NSNumber, !isBoolean(number) {
            let double = number.doubleValue
            if double.rounded() == double, abs(double) < 9.0e15 { return .integer(number.intValue) }
        }
        throw CaptionEvaluationError("\(path): \(location).image_id: expected an integer or a string, found \(kind(of: value))")
    }

    /// Whether a JSON number is really `true`/`false` (Foundation bridges both to NSNumber).
    static func isBoolean(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c"
    }

    /// A JSON value's kind in words, for error messages.
    static func kind(of value: Any) -> String {
        switch value {
        case is String: return "a string"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case is NSNull: return "null"
        case let number as NSNumber: return isBoolean(number) ? "a boolean" : "a number (\(number))"
        default: return "\(type(of: value))"
        }
    }
}
