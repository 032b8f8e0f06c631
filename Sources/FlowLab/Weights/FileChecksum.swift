import Crypto
import Foundation

/// SHA-256 of files, read in 4 MiB chunks (swift-crypto), as lower-case hex.
public enum FileChecksum {
    /// The SHA-256 of the file at `url`.
    public static func sha256(of url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hash = Crypto.SHA256()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty { hash.update(data: chunk) }
        return hex(hash.finalize())
    }

    /// Lower-case hex of a digest.
    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
