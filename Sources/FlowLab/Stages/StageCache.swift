import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finished stages (a trained evaluator, a pretrained model) stored once and reused by every run that resolves the same.
///
/// A stage lives in `<root>/<key>/`, where the key is the SHA-256 of its kind, its resolved configuration
/// (JSON with sorted keys) and `FlowLabVersion.number`. The folder holds what the stage wrote
/// (e.g. `checkpoint.h5`), `configuration.json` and `provenance.json`. `store` builds the folder under a
/// temporary name and renames it into place, so a folder that exists is complete: a killed process
/// leaves at most a `.partial-*` folder, never a half-written stage.
///
/// ```swift
/// let cache = StageCache(root: URL(fileURLWithPath: "Results/.stages"))
/// let key = try StageCache.key(kind: "scene_reader", configuration: training)
/// if let folder = cache.lookup(key) { ... load folder/checkpoint.h5 ... }
/// else { try cache.store(key, configuration: training, provenance: provenance) { folder in try save(to: folder) } }
/// ```
public struct StageCache: Sendable {
    /// The folder holding one subfolder per stage (by default `Results/.stages`).
    public let root: URL

    /// The name of the provenance file in a stage folder.
    public static let provenanceName = "provenance.json"
    /// The name of the resolved configuration file in a stage folder.
    public static let configurationName = "configuration.json"

    public init(root: URL) { self.root = root }

    /// The cache under `Results/.stages` of the working directory, or `$FLOWLAB_STAGES` when set.
    public static var standard: StageCache {
        if let path = ProcessInfo.processInfo.environment["FLOWLAB_STAGES"], !path.isEmpty {
            return StageCache(root: URL(fileURLWithPath: path))
        }
        return StageCache(root: URL(fileURLWithPath: "Results/.stages"))
    }

    /// The key of a stage: hex SHA-256 of its kind, configuration (sorted-key JSON) and FlowLab version.
    public static func key(kind: String, configuration: some Encodable) throws -> String {
        let text = "\(kind)\n\(try canonicalJSON(configuration))\n\(FlowLabVersion.number)"
        return Crypto.SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// The folder of stage `key` (whether or not it exists).
    public func folder(for key: String) -> URL { root.appendingPathComponent(key, isDirectory: true) }

    /// The folder of stage `key` when it has been stored, else nil.
    public func lookup(_ key: String) -> URL? {
        let folder = folder(for: key)
        let complete = FileManager.default.fileExists(atPath: folder.appendingPathComponent(Self.provenanceName).path)
        return complete ? folder : nil
    }

    /// The provenance of stored stage `key`; throws a `StageCacheError` naming the file when it cannot be read.
    public func provenance(_ key: String) throws -> StageProvenance {
        let url = folder(for: key).appendingPathComponent(Self.provenanceName)
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            return try decoder.decode(StageProvenance.self, from: Data(contentsOf: url))
        } catch {
            throw StageCacheError("cannot read the stage provenance: \(error.localizedDescription)", path: url.path)
        }
    }

    /// Stores stage `key` atomically: `write` fills a fresh folder, then the configuration and provenance are
    /// added and the folder is renamed into place. Returns the stage folder. When another process stored the
    /// same key first, its folder is kept and returned, unless `replacing` (`flowlab run --retrain`): then the old
    /// folder is renamed aside, the new one renamed into place and the old one deleted, so a reader sees the old
    /// stage, the new one, or (for the moment between the two renames) none, never a mixture.
    @discardableResult
    public func store(_ key: String, configuration: some Encodable, provenance: StageProvenance, replacing: Bool = false,
                      write: (_ folder: URL) throws -> Void) throws -> URL {
        let manager = FileManager.default
        let final = folder(for: key)
        let partial = root.appendingPathComponent(".partial-\(key)-\(UUID().uuidString)", isDirectory: true)
        do {
            try manager.createDirectory(at: partial, withIntermediateDirectories: true)
        } catch {
            throw StageCacheError("cannot create a stage folder: \(error.localizedDescription)", path: partial.path)
        }
        defer { try? manager.removeItem(at: partial) }
        try write(partial)
        try AtomicFile.write(try Self.canonicalJSON(configuration, pretty: true) + "\n",
                             to: partial.appendingPathComponent(Self.configurationName))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        try AtomicFile.write(try encoder.encode(provenance), to: partial.appendingPathComponent(Self.provenanceName))
        var aside: URL?
        if manager.fileExists(atPath: final.path) {
            if lookup(key) != nil, !replacing { return final }
            // Replacing, or an incomplete folder left by hand.
            let moved = root.appendingPathComponent(".replaced-\(key)-\(UUID().uuidString)", isDirectory: true)
            guard rename(final.path, moved.path) == 0 else {
                throw StageCacheError("cannot move the stage aside to replace it (errno \(errno))", path: final.path)
            }
            aside = moved
        }
        defer { if let aside { try? manager.removeItem(at: aside) } }
        guard rename(partial.path, final.path) == 0 else {
            if lookup(key) != nil { return final }
            throw StageCacheError("cannot move the finished stage into place (errno \(errno))", path: final.path)
        }
        return final
    }

    /// `value` as JSON with sorted keys (the form hashed into keys).
    static func canonicalJSON(_ value: some Encodable, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
