import Foundation

/// The folder that holds FlowLab's pretrained files (weights, and the METEOR jar), fetched once at set-up.
public enum WeightsFolder {
    /// `$FLOWLAB_WEIGHTS` of `environment`, else `~/.cache/flowlab/weights`.
    public static func root(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let path = environment["FLOWLAB_WEIGHTS"], !path.isEmpty {
            return URL(fileURLWithPath: path, isDirectory: true)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cache/flowlab/weights", isDirectory: true)
    }
}
