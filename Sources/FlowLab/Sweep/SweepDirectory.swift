import Foundation

/// A sweep's folder, `Results/<experiment>/sweep-<id>/`: `sweep.yaml`, optional `launch.sbatch`, and one run folder per job.
public struct SweepDirectory: Sendable, Equatable {
    /// The sweep's folder.
    public let url: URL

    /// Wraps an existing folder (e.g. from `--sweep-dir`) without touching the disk.
    public init(url: URL) {
        self.url = url.standardizedFileURL
    }

    /// Creates `resultsRoot/experiment/sweep-<sweepID>/` (with `-2`, `-3`, ... on a collision) and writes `sweep.yaml`.
    public static func create(resultsRoot: URL, experiment: String, sweepID: String, plan: SweepPlan) throws -> SweepDirectory {
        let parent = resultsRoot.appendingPathComponent(experiment, isDirectory: true)
        let directory = SweepDirectory(url: try UniqueDirectory.create(in: parent, baseName: "sweep-\(sweepID)"))
        try AtomicFile.write(plan.sweepFileText(sweepID: directory.url.lastPathComponent.dropFirst("sweep-".count).description), to: directory.sweepFileURL)
        return directory
    }

    /// `sweep.yaml`.
    public var sweepFileURL: URL { url.appendingPathComponent("sweep.yaml", isDirectory: false) }

    /// `launch.sbatch`, the Slurm job-array script.
    public var slurmScriptURL: URL { url.appendingPathComponent("launch.sbatch", isDirectory: false) }

    /// The run folder of job `index`: `<sweep>/<index>/`.
    public func jobDirectory(_ index: Int) -> URL {
        url.appendingPathComponent(String(index), isDirectory: true)
    }

    /// Reads `sweep.yaml` back (see `SweepPlan.load(sweepFile:)`).
    public func loadPlan() throws -> (plan: SweepPlan, sweepID: String) {
        try SweepPlan.load(sweepFile: sweepFileURL)
    }

    /// Whether job `index` ran to the end: its folder's provenance.json says `completed`.
    public func jobCompleted(_ index: Int) -> Bool {
        (try? RunDirectory(url: jobDirectory(index)).readProvenance().status) == .completed
    }
}
