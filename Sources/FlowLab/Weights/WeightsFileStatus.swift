import FlowSupport
import FlowNN
import Foundation

/// The state of one file of a pretrained weight package on this machine.
public struct WeightsFileStatus: Sendable, Equatable {
    /// Whether a file is usable.
    public enum State: String, Sendable {
        /// Present with its catalogued size (and checksum, when verified).
        case present
        /// Not there.
        case missing
        /// There, but with another size or checksum.
        case corrupt
    }

    /// The catalog entry.
    public let file: PretrainedFile
    /// Where the file is (or would be).
    public let url: URL
    /// Its state.
    public let state: State
    /// The checksum computed from the bytes (only when verified and present).
    public let computedSHA256: String?

    /// The status of `file` of `weights` under `root`; `verify` hashes the file instead of comparing sizes only.
    public static func check(_ file: PretrainedFile, of weights: PretrainedWeights, root: URL, verify: Bool) throws -> WeightsFileStatus {
        let url = weights.directory(in: root).appendingPathComponent(file.name)
        guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size]) as? Int else {
            return WeightsFileStatus(file: file, url: url, state: .missing, computedSHA256: nil)
        }
        guard verify else {
            return WeightsFileStatus(file: file, url: url, state: size == file.byteCount ? .present : .corrupt, computedSHA256: nil)
        }
        let digest = try SHA256Digest.hex(ofFileAt: url)
        return WeightsFileStatus(file: file, url: url, state: digest == file.sha256 && size == file.byteCount ? .present : .corrupt,
                                 computedSHA256: digest)
    }
}
