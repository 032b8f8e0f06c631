import Foundation

/// How one job of a locally launched sweep ended.
public struct SweepJobResult: Sendable, Equatable {
    /// The job index.
    public let index: Int
    /// The job's run folder.
    public let directory: URL
    /// The child's exit status, or `nil` if it was never started (the sweep was stopped first) or could not be started.
    public let exitStatus: Int32?
    /// Wall-clock seconds the job ran.
    public let seconds: Double

    /// Whether the job ran and exited with status 0.
    public var succeeded: Bool { exitStatus == 0 }

    /// The last `lines` non-empty lines of the job's `console.txt` (where its error is), or a note when there is none.
    public static func consoleTail(of jobDirectory: URL, lines: Int = 6) -> [String] {
        let console = jobDirectory.appendingPathComponent("console.txt")
        guard let data = FileManager.default.contents(atPath: console.path) else { return ["(no \(console.path))"] }
        let text = String(decoding: data, as: UTF8.self)
        let nonEmpty = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map(String.init)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !nonEmpty.isEmpty else { return ["(\(console.path) is empty)"] }
        return Array(nonEmpty.suffix(lines))
    }
}

/// The outcome of a locally launched sweep.
public struct SweepSummary: Sendable, Equatable {
    /// One result per job, in job order.
    public let results: [SweepJobResult]

    /// Whether every job succeeded.
    public var allSucceeded: Bool { results.allSatisfy(\.succeeded) }

    /// A short text: counts, then one line per job that did not succeed.
    public var text: String {
        let succeeded = results.filter(\.succeeded).count
        let notStarted = results.filter { $0.exitStatus == nil }.count
        var lines = ["\(succeeded)/\(results.count) jobs succeeded" + (notStarted > 0 ? ", \(notStarted) not run" : "")]
        for result in results where !result.succeeded {
            let reason = result.exitStatus.map { "exit status \($0)" } ?? "not run"
            lines.append("  job \(result.index): \(reason) (\(result.directory.path))")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
