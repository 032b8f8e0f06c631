import FlowSupport
import Foundation
import Yams

/// One run's folder, `Results/<experiment>/<run-id>/`, and the files it holds.
///
/// Paths are always built from an explicit results root; the working directory is never changed.
/// Example:
///
///     let run = try RunDirectory.create(resultsRoot: URL(fileURLWithPath: "Results"),
///                                       experiment: "modecollapse", resolvedYAML: yaml)
///     try run.writeResolvedSpec(yaml)
///     try run.writeOverrides(["train.steps=2000"])
///     try run.writeProvenance(Provenance.collect(specURL: specURL, blasThreads: 1, threads: 2))
public struct RunDirectory: Sendable, Equatable {
    /// The run's folder.
    public let url: URL

    /// The folder's name, e.g. `20250101-120000-a1b2c3` (or with a `-2` suffix after a collision).
    public var runID: String { url.lastPathComponent }

    /// Wraps an existing or to-be-created folder without touching the disk.
    public init(url: URL) {
        self.url = url.standardizedFileURL
    }

    /// Creates a new, uniquely named run folder `resultsRoot/experiment/<run-id>/`.
    ///
    /// The id is `YYYYMMDD-HHMMSS-<6 hex digits of SHA-256(resolvedYAML)>`; if that folder already
    /// exists (same second, same config), `-2`, `-3`, ... is appended. Creation is a single `mkdir`,
    /// so concurrent runs never share a folder.
    public static func create(resultsRoot: URL, experiment: String, resolvedYAML: String, date: Date = Date(), timeZone: TimeZone = .current) throws -> RunDirectory {
        let baseName = CompactTimestamp.identifier(date: date, timeZone: timeZone, hashing: resolvedYAML)
        let parent = resultsRoot.appendingPathComponent(experiment, isDirectory: true)
        return RunDirectory(url: try UniqueDirectory.create(in: parent, baseName: baseName))
    }

    /// Uses the given folder as the run folder (for `--run-dir`, e.g. a sweep job), creating it if missing.
    ///
    /// Fails if the folder already holds a run (`resolved.yaml`): a finished or interrupted run is
    /// continued with `--resume`, never silently overwritten. Fails too if it holds anything else, since a
    /// run would overwrite files such as `report.md` or `samples.h5` there, except the console log that a sweep
    /// launcher opens in a job's folder before the job starts (``isLauncherConsoleLog(_:)``).
    public static func prepare(at url: URL) throws -> RunDirectory {
        let run = RunDirectory(url: url)
        if FileManager.default.fileExists(atPath: run.resolvedSpecURL.path) {
            throw RunDirectoryError(path: run.url.path, reason: "already holds a run (resolved.yaml exists); use --resume to continue it")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: run.url.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                throw RunDirectoryError(path: run.url.path, reason: "is a file, not a folder; give a new or empty folder for the run")
            }
            let contents = ((try? FileManager.default.contentsOfDirectory(atPath: run.url.path)) ?? [])
                .filter { !isLauncherConsoleLog($0) }
            if !contents.isEmpty {
                let shown = contents.sorted().prefix(3).joined(separator: ", ") + (contents.count > 3 ? ", ..." : "")
                throw RunDirectoryError(path: run.url.path,
                                        reason: "is not empty (\(shown)); a run would overwrite its files, so give a new or empty folder")
            }
        }
        try UniqueDirectory.createIntermediates(run.url)
        return run
    }

    /// Whether `fileName` is a job's console log that a sweep launcher writes into the job's run folder: the local
    /// launcher's `console.txt`, Slurm's `slurm-<job>_<task>.out`. A run never writes these names.
    static func isLauncherConsoleLog(_ fileName: String) -> Bool {
        fileName == "console.txt" || (fileName.hasPrefix("slurm-") && fileName.hasSuffix(".out"))
    }

    /// Opens an existing run folder (for `--resume`); it must contain `resolved.yaml`.
    public static func open(_ url: URL) throws -> RunDirectory {
        let run = RunDirectory(url: url)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: run.url.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunDirectoryError(path: run.url.path, reason: "no such run directory")
        }
        guard FileManager.default.fileExists(atPath: run.resolvedSpecURL.path) else {
            throw RunDirectoryError(path: run.url.path, reason: "not a run directory (no resolved.yaml)")
        }
        return run
    }

    // MARK: Files

    /// `resolved.yaml`: the spec after `extends` and overrides, before variants.
    public var resolvedSpecURL: URL { file("resolved.yaml") }
    /// `overrides.yaml`: the command-line overrides, as a YAML list of strings.
    public var overridesURL: URL { file("overrides.yaml") }
    /// `provenance.json`: where, when and with what the run ran.
    public var provenanceURL: URL { file("provenance.json") }
    /// `log.txt`: the human-readable log.
    public var logURL: URL { file("log.txt") }
    /// `metrics.h5`: `/train/<name>` step series and `/eval/<name>` final values.
    public var metricsURL: URL { file("metrics.h5") }
    /// `checkpoint.h5`: parameters, optimizer state, RNG and step.
    public var checkpointURL: URL { file("checkpoint.h5") }
    /// `samples.h5`: generated samples.
    public var samplesURL: URL { file("samples.h5") }
    /// `report.md`: the run's summary.
    public var reportURL: URL { file("report.md") }

    /// `stages/<model>/`: where a stage (`stages:` in the spec; `model` is its name, with `_seed<N>` when the spec
    /// has several seeds) is trained and checkpointed until it is stored in the stage cache.
    public func stageFolder(_ model: String) -> URL {
        url.appendingPathComponent("stages", isDirectory: true).appendingPathComponent(model, isDirectory: true)
    }

    /// `stages/<model>/checkpoint.h5`: the checkpoint of a stage while it trains.
    public func stageCheckpointURL(_ model: String) -> URL {
        stageFolder(model).appendingPathComponent("checkpoint.h5", isDirectory: false)
    }

    /// The URL of `name` inside the run folder.
    public func file(_ name: String) -> URL {
        url.appendingPathComponent(name, isDirectory: false)
    }

    // MARK: Writing and reading

    /// Atomically writes `resolved.yaml` (the caller's resolved spec text, verbatim).
    public func writeResolvedSpec(_ yaml: String) throws {
        try AtomicFile.write(yaml.hasSuffix("\n") || yaml.isEmpty ? yaml : yaml + "\n", to: resolvedSpecURL)
    }

    /// Reads `resolved.yaml` back as text.
    public func readResolvedSpec() throws -> String {
        try readText(resolvedSpecURL)
    }

    /// Atomically writes `overrides.yaml`: one quoted string per override, in the given order.
    public func writeOverrides(_ overrides: [String]) throws {
        let header = "# Command-line overrides of this run, in order.\n"
        try AtomicFile.write(header + YAMLText.list(overrides), to: overridesURL)
    }

    /// Reads `overrides.yaml` back; a missing file is an error, an empty list is `[]`.
    public func readOverrides() throws -> [String] {
        let text = try readText(overridesURL)
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch {
            throw RunDirectoryError(path: overridesURL.path, reason: "not valid YAML: \(error)")
        }
        if loaded == nil { return [] }
        guard let items = loaded as? [Any] else {
            throw RunDirectoryError(path: overridesURL.path, reason: "expected a list of strings")
        }
        return try items.enumerated().map { index, item in
            guard let string = item as? String else {
                throw RunDirectoryError(path: overridesURL.path, reason: "item \(index) is not a string")
            }
            return string
        }
    }

    /// Atomically writes `provenance.json`.
    public func writeProvenance(_ provenance: Provenance) throws {
        try AtomicFile.write(try provenance.jsonData(), to: provenanceURL)
    }

    /// Reads `provenance.json`.
    public func readProvenance() throws -> Provenance {
        let data: Data
        do {
            data = try Data(contentsOf: provenanceURL)
        } catch {
            throw RunDirectoryError(path: provenanceURL.path, reason: "cannot read: \(FileErrorText.describe(error))")
        }
        do {
            return try Provenance(jsonData: data)
        } catch {
            throw RunDirectoryError(path: provenanceURL.path, reason: "not a valid provenance file: \(error)")
        }
    }

    /// Adds the SHA-256 of pretrained weight files the run read (`<package>/<file>` → digest) to `provenance.json`,
    /// keeping everything else; a folder without `provenance.json` (a runner driven directly, as in some tests) is
    /// left alone, the log still names the files.
    public func recordPretrainedWeights(_ digests: [String: String]) throws {
        guard !digests.isEmpty, FileManager.default.fileExists(atPath: provenanceURL.path) else { return }
        var provenance = try readProvenance()
        provenance.pretrainedWeights = (provenance.pretrainedWeights ?? [:]).merging(digests) { $1 }
        try writeProvenance(provenance)
    }

    /// Records the end time (and exit status) in `provenance.json`, keeping everything else.
    ///
    /// On a full disk the atomic write (a new file) can fail where rewriting the existing file in place, whose
    /// blocks are already allocated, still succeeds; that is tried last, so a run that failed because the disk
    /// filled up is not left `running`.
    public func recordEnd(at date: Date = Date(), status: RunStatus) throws {
        var provenance = try readProvenance()
        provenance.endTime = date
        provenance.status = status
        provenance.peakResidentBytes = SystemInfo.peakResidentBytes()
        do {
            try writeProvenance(provenance)
        } catch {
            guard (try? InPlaceFile.overwrite(provenanceURL, with: provenance.jsonData())) != nil else { throw error }
        }
    }

    /// Removes temporary files left by atomic writes that were killed before their rename
    /// (`.<name>.tmp-...` siblings); returns their names. Call it while holding the run's ``RunLock``.
    @discardableResult
    public func removeStaleTemporaryFiles() throws -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        let stale = names.filter { $0.hasPrefix(".") && $0.contains(".tmp-") }.sorted()
        for name in stale {
            do {
                try FileManager.default.removeItem(at: file(name))
            } catch {
                throw RunDirectoryError(path: file(name).path, reason: "cannot remove a stale temporary file: \(FileErrorText.describe(error))")
            }
        }
        return stale
    }

    /// Opens `log.txt` for appending (creating it if missing).
    public func openLog() throws -> RunLog {
        try RunLog(url: logURL)
    }

    private func readText(_ fileURL: URL) throws -> String {
        do {
            return try String(contentsOf: fileURL, encoding: .utf8)
        } catch {
            throw RunDirectoryError(path: fileURL.path, reason: "cannot read: \(FileErrorText.describe(error))")
        }
    }
}

/// A run folder could not be created, opened or read; names the path and the reason.
public struct RunDirectoryError: Error, CustomStringConvertible {
    /// The folder or file concerned.
    public let path: String
    /// What went wrong.
    public let reason: String

    public var description: String { "\(path): \(reason)" }
}
