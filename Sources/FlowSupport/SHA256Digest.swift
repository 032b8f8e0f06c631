import Crypto
import Foundation

/// SHA-256 digests as 64 lower-case hex digits (swift-crypto): of text, of data, or of a file read in chunks.
///
/// ```swift
/// SHA256Digest.hex(of: "abc")  // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// ```
public enum SHA256Digest {
    /// The digest of the UTF-8 bytes of `text`.
    public static func hex(of text: String) -> String {
        hex(of: Data(text.utf8))
    }

    /// The digest of `data`.
    public static func hex(of data: Data) -> String {
        hexString(SHA256.hash(data: data))
    }

    /// The digest of the file at `url`, read in 4 MiB chunks so that a large file is never wholly in memory.
    public static func hex(ofFileAt url: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
        return hexString(hasher.finalize())
    }

    private static func hexString<Digest: Sequence>(_ digest: Digest) -> String where Digest.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
