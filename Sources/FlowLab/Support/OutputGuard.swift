import Foundation

/// Refuses to write a command's output over one of its own inputs (a report over `metrics.h5`, per-image
/// scores over the candidates), which would destroy the data it was computed from.
///
///     try OutputGuard.refuseOverwriting(output: URL(fileURLWithPath: "cand.json"),
///                                       inputs: [URL(fileURLWithPath: "cand.json")], option: "--per-image")
///     // throws: --per-image cand.json is also an input (cand.json); refusing to overwrite it
public enum OutputGuard {
    /// Throws when `output` is the same file as one of `inputs` (after resolving symbolic links and `..`).
    public static func refuseOverwriting(output: URL, inputs: [URL], option: String) throws {
        let target = canonical(output)
        for input in inputs where canonical(input) == target || sameFile(input, output) {
            throw OutputGuardError("\(option) \(output.path) is also an input (\(input.path)); refusing to overwrite it: choose another file")
        }
    }

    /// Throws when `output` is a file FlowLab keeps inside one of the run folders at or under `inputFolders`
    /// (`metrics.h5`, `resolved.yaml`, `provenance.json`, ...), or one of the input paths themselves.
    public static func refuseOverwritingInputs(output: URL, inputFolders: [URL], option: String) throws {
        try refuseOverwriting(output: output, inputs: inputFolders, option: option)
        let target = canonical(output)
        let runFiles: Set<String> = ["metrics.h5", "resolved.yaml", "overrides.yaml", "provenance.json", "log.txt",
                                     "checkpoint.h5", "samples.h5", "sweep.yaml", "launch.sbatch", "console.txt"]
        guard runFiles.contains(target.lastPathComponent) else { return }
        let folder = target.deletingLastPathComponent().path
        for input in inputFolders {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: input.path, isDirectory: &isDirectory)
            let root = (exists && !isDirectory.boolValue ? canonical(input).deletingLastPathComponent() : canonical(input)).path
            if folder == root || folder.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                throw OutputGuardError("\(option) \(output.path) is the \(target.lastPathComponent) of a run being read; refusing to overwrite it: choose another file")
            }
        }
    }

    private static func canonical(_ url: URL) -> URL {
        url.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Whether both paths exist and are the same file (same device and inode, e.g. a hard link).
    private static func sameFile(_ first: URL, _ second: URL) -> Bool {
        guard let a = try? FileManager.default.attributesOfItem(atPath: first.path),
              let b = try? FileManager.default.attributesOfItem(atPath: second.path) else { return false }
        return (a[.systemNumber] as? NSNumber) == (b[.systemNumber] as? NSNumber)
            && (a[.systemFileNumber] as? NSNumber) == (b[.systemFileNumber] as? NSNumber)
    }
}

/// An output path would overwrite an input; the message names both.
public struct OutputGuardError: Error, CustomStringConvertible {
    /// What was refused, and why.
    public let message: String

    init(_ message: String) { self.message = message }

    public var description: String { message }
}
