import Foundation
import Yams

/// Finds run folders under the given paths and turns their evaluation metrics into `MetricsRow`s.
///
/// A run folder is a folder holding both `metrics.h5` and `resolved.yaml`. A run inside a sweep
/// (its parent folder holds `sweep.yaml`) is labelled by its job's swept values, leaving out the
/// seed keys, so jobs that differ only in their seed become seeds of one table row; any other run
/// is labelled `<experiment>/<run-id>`. Example:
///
///     let collector = ReportCollector(reader: HDF5MetricsReader())
///     let table = try collector.table(from: [URL(fileURLWithPath: "Results/modecollapse")])
///     print(table.render(.markdown))
public struct ReportCollector {
    /// Reads `/eval` values from a `metrics.h5`.
    public let reader: any MetricsReader
    /// Returns a run's seeds given its folder; by default the `seeds:` list of its `resolved.yaml`.
    public let seedsOfRun: (URL) throws -> [Int]

    /// Called for each run folder left out because its run did not complete (its provenance.json says
    /// running, interrupted or failed), with the folder and the status; such runs have no final metrics.
    public var onSkippedRun: ((URL, RunStatus) -> Void)?

    /// Sweep keys treated as seeds (left out of run labels so seeds aggregate).
    static let seedKeys: Set<String> = ["seeds", "seed"]

    /// Creates a collector; `seedsOfRun` defaults to reading `seeds:` from the run's `resolved.yaml`.
    public init(reader: any MetricsReader, seedsOfRun: ((URL) throws -> [Int])? = nil) {
        self.reader = reader
        self.seedsOfRun = seedsOfRun ?? ReportCollector.seedsFromResolvedSpec
    }

    /// The table of every run found under `paths` (folders or `metrics.h5` files).
    public func table(from paths: [URL]) throws -> MetricsTable {
        MetricsTable(rows: try collect(from: paths))
    }

    /// One row per (run, variant, seed) for every run found under `paths`, in path order (numbers compared numerically).
    public func collect(from paths: [URL]) throws -> [MetricsRow] {
        var runFolders: [URL] = []
        for path in paths {
            let found = try Self.runFolders(under: path)
            guard !found.isEmpty else {
                throw ReportError("\(path.path): no run folders (folders holding metrics.h5 and resolved.yaml) found")
            }
            runFolders += found.filter { !runFolders.contains($0) }
        }
        var sweepPlans: [URL: SweepPlan] = [:]
        var rows: [MetricsRow] = []
        for folder in runFolders {
            if let status = Self.incompleteStatus(of: folder) {
                onSkippedRun?(folder, status)
                continue
            }
            let label = try runLabel(of: folder, sweepPlans: &sweepPlans)
            rows += try rowsOfRun(at: folder, label: label)
        }
        return rows
    }

    /// The status of a run that did not complete, from its provenance.json; nil when it completed or has none.
    static func incompleteStatus(of folder: URL) -> RunStatus? {
        guard let provenance = try? RunDirectory(url: folder).readProvenance(), provenance.status != .completed else { return nil }
        return provenance.status
    }

    /// The rows of one run: its metrics grouped by variant, the k-th value of each (variant, metric) belonging to the k-th seed.
    func rowsOfRun(at folder: URL, label: String) throws -> [MetricsRow] {
        let metricsFile = folder.appendingPathComponent("metrics.h5")
        let values = try reader.evalMetrics(at: metricsFile)
        let seeds = try seedsOfRun(folder)
        var variants: [String] = []
        var perSeed: [String: [[(name: String, value: Double)]]] = [:]
        var occurrences: [String: Int] = [:]
        for entry in values {
            if perSeed[entry.variant] == nil {
                variants.append(entry.variant)
                perSeed[entry.variant] = []
            }
            let key = entry.variant + "\u{0}" + entry.metric
            let seedIndex = occurrences[key, default: 0]
            occurrences[key] = seedIndex + 1
            guard seedIndex < seeds.count else {
                throw ReportError("\(metricsFile.path): \(seedIndex + 1) values of \(Self.describe(entry.variant, entry.metric)) but the run has \(seeds.count) seed(s) \(seeds)")
            }
            while perSeed[entry.variant]!.count <= seedIndex { perSeed[entry.variant]!.append([]) }
            perSeed[entry.variant]![seedIndex].append((entry.metric, entry.value))
        }
        for (key, count) in occurrences where count != seeds.count && count != 1 {
            let parts = key.split(separator: "\u{0}", omittingEmptySubsequences: false).map(String.init)
            throw ReportError("\(metricsFile.path): \(count) values of \(Self.describe(parts[0], parts[1])) but the run has \(seeds.count) seed(s) \(seeds)")
        }
        return variants.flatMap { variant in
            perSeed[variant]!.enumerated().map { seedIndex, metrics in
                MetricsRow(run: label, variant: variant, seed: seeds[seedIndex], metrics: metrics)
            }
        }
    }

    /// `<sweep folder>: key=value ...` (seed keys left out) for a sweep job, else `<experiment>/<run-id>`.
    func runLabel(of folder: URL, sweepPlans: inout [URL: SweepPlan]) throws -> String {
        let parent = folder.deletingLastPathComponent()
        let sweepFile = parent.appendingPathComponent("sweep.yaml")
        guard FileManager.default.fileExists(atPath: sweepFile.path) else {
            return parent.lastPathComponent + "/" + folder.lastPathComponent
        }
        let plan: SweepPlan
        if let cached = sweepPlans[parent] {
            plan = cached
        } else {
            plan = try SweepPlan.load(sweepFile: sweepFile).plan
            sweepPlans[parent] = plan
        }
        guard let jobIndex = Int(folder.lastPathComponent), (0..<plan.jobCount).contains(jobIndex) else {
            throw ReportError("\(folder.path): a folder inside sweep \(parent.path) that is not one of its job folders 0..<\(plan.jobCount)")
        }
        let swept = zip(plan.axes, plan.valueIndices(forJob: jobIndex))
            .filter { !Self.seedKeys.contains($0.0.key) }
            .map { $0.0.override(valueIndex: $0.1) }
        return parent.lastPathComponent + (swept.isEmpty ? "" : ": " + swept.joined(separator: " "))
    }

    /// Every run folder at or under `path` (a `metrics.h5` file stands for its folder), sorted with numbers compared numerically.
    static func runFolders(under path: URL) throws -> [URL] {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        guard fileManager.fileExists(atPath: path.path, isDirectory: &isDirectory) else {
            throw ReportError("\(path.path): no such file or folder")
        }
        let start = isDirectory.boolValue ? path.standardizedFileURL : path.standardizedFileURL.deletingLastPathComponent()
        if isRunFolder(start) { return [start] }
        guard isDirectory.boolValue else {
            throw ReportError("\(path.path): not a run folder (its folder lacks metrics.h5 or resolved.yaml)")
        }
        var found: [URL] = []
        if let enumerator = fileManager.enumerator(at: start, includingPropertiesForKeys: [.isDirectoryKey]) {
            for case let url as URL in enumerator where isRunFolder(url) {
                found.append(url.standardizedFileURL)
            }
        }
        return found.sorted { $0.path.compare($1.path, options: .numeric) == .orderedAscending }
    }

    static func isRunFolder(_ url: URL) -> Bool {
        let fileManager = FileManager.default
        return fileManager.fileExists(atPath: url.appendingPathComponent("metrics.h5").path)
            && fileManager.fileExists(atPath: url.appendingPathComponent("resolved.yaml").path)
    }

    /// The `seeds:` list of `<folder>/resolved.yaml`.
    static func seedsFromResolvedSpec(_ folder: URL) throws -> [Int] {
        let file = folder.appendingPathComponent("resolved.yaml")
        let text: String
        do {
            text = try String(contentsOf: file, encoding: .utf8)
        } catch {
            throw ReportError("\(file.path): cannot read: \(error.localizedDescription)")
        }
        let root: Any?
        do {
            root = try Yams.load(yaml: text)
        } catch {
            throw ReportError("\(file.path): not valid YAML: \(error)")
        }
        guard let mapping = root as? [String: Any], let seedsValue = mapping["seeds"] else {
            throw ReportError("\(file.path): missing key 'seeds'")
        }
        guard let seeds = seedsValue as? [Int], !seeds.isEmpty else {
            throw ReportError("\(file.path): 'seeds' must be a non-empty list of integers")
        }
        return seeds
    }

    private static func describe(_ variant: String, _ metric: String) -> String {
        variant.isEmpty ? "/eval metric '\(metric)'" : "metric '\(metric)' of variant '\(variant)'"
    }
}

/// A report could not be collected; the message names the file or folder.
public struct ReportError: Error, CustomStringConvertible {
    /// What went wrong, and where.
    public let message: String

    /// Creates an error with `message`.
    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
