import Foundation
import Yams

/// Finds run folders under the given paths and turns their evaluation metrics into `MetricsRow`s.
///
/// A run folder is a folder holding both `metrics.h5` and `resolved.yaml`. The settings in which the
/// collected runs differ (dotted keys of their `resolved.yaml`, leaving out `seeds` and `description`)
/// become the label columns, so a sweep's axes show as columns; runs whose settings are identical are
/// merged, their seeds aggregated. With nothing differing, a single run is labelled `<experiment>/<run-id>`
/// and merged runs `<experiment>`. A run that cannot be read (or did not complete) is skipped with a
/// note rather than failing the whole report. Example:
///
///     let collector = ReportCollector(reader: HDF5MetricsReader())
///     let table = try collector.table(from: [URL(fileURLWithPath: "Results/modecollapse")])
///     print(table.render(.markdown))   // | train.steps | seeds | label_agreement | ...
public struct ReportCollector {
    /// Reads `/eval` values from a `metrics.h5`.
    public let reader: any MetricsReader
    /// Returns a run's seeds given its folder; by default the `seeds:` list of its `resolved.yaml`.
    public let seedsOfRun: (URL) throws -> [Int]

    /// Called for each run folder left out because its run did not complete (its provenance.json says
    /// running, interrupted or failed, or it says running but its process is gone), with the folder and
    /// a phrase such as `interrupted` or `killed (process 123 on host x is gone)`.
    public var onSkippedRun: ((URL, String) -> Void)?

    /// Called for each run folder left out because it could not be read, with the folder and the error.
    public var onUnreadableRun: ((URL, any Error) -> Void)?

    /// Settings that never become columns: seeds are aggregated, the description is prose.
    static let ignoredSettings: Set<String> = ["seeds", "seed", "description", "sweep", "report"]

    /// Creates a collector; `seedsOfRun` defaults to reading `seeds:` from the run's `resolved.yaml`.
    public init(reader: any MetricsReader, seedsOfRun: ((URL) throws -> [Int])? = nil) {
        self.reader = reader
        self.seedsOfRun = seedsOfRun ?? ReportCollector.seedsFromResolvedSpec
    }

    /// The table of every run found under `paths` (folders or `metrics.h5` files).
    public func table(from paths: [URL]) throws -> MetricsTable {
        MetricsTable(rows: try collect(from: paths))
    }

    /// One row per (run, variant, seed) for every readable, completed run found under `paths`, in path order
    /// (numbers compared numerically); each row's `settings` are the settings in which the runs differ.
    ///
    /// - Throws: ``ReportError`` when a path does not exist or holds no run folder, or when no run could be read.
    public func collect(from paths: [URL]) throws -> [MetricsRow] {
        var runFolders: [URL] = []
        for path in paths {
            let found = try Self.runFolders(under: path)
            guard !found.isEmpty else {
                throw ReportError("\(path.path): no run folders (folders holding metrics.h5 and resolved.yaml) found")
            }
            runFolders += found.filter { !runFolders.contains($0) }
        }
        var runs: [(folder: URL, settings: [String: String], keyOrder: [String], experiment: String, rows: [MetricsRow])] = []
        var failures: [String] = []
        for folder in runFolders {
            if let status = Self.incompleteStatus(of: folder) {
                onSkippedRun?(folder, status)
                continue
            }
            do {
                let settings = try Self.settings(of: folder)
                let rows = try rowsOfRun(at: folder, label: "")
                runs.append((folder, settings.values, settings.order, settings.values["experiment"] ?? folder.deletingLastPathComponent().lastPathComponent, rows))
            } catch {
                failures.append("\(folder.path): \(error)")
                onUnreadableRun?(folder, error)
            }
        }
        guard !runs.isEmpty else {
            let paths = paths.map(\.path).joined(separator: ", ")
            throw ReportError("no completed run could be read under \(paths)" + (failures.isEmpty ? "" : ":\n" + failures.map { "  " + $0 }.joined(separator: "\n")))
        }
        // Keys whose value is not the same in every run, in the order they first appear (sweep axes first).
        var keyOrder: [String] = []
        var sweptKeys: [String] = []
        for run in runs {
            for key in run.keyOrder where !keyOrder.contains(key) { keyOrder.append(key) }
            for key in Self.sweepAxisKeys(of: run.folder) where !sweptKeys.contains(key) { sweptKeys.append(key) }
        }
        let differing = keyOrder.filter { key in
            !Self.ignoredSettings.contains(key) && Set(runs.map { $0.settings[key] ?? Self.unset }).count > 1
        }
        let ordered = sweptKeys.filter(differing.contains) + differing.filter { !sweptKeys.contains($0) }
        let runsPerLabel = Dictionary(grouping: runs, by: { run in ordered.map { run.settings[$0] ?? Self.unset } }).mapValues(\.count)
        var rows: [MetricsRow] = []
        for run in runs {
            let values = ordered.map { run.settings[$0] ?? Self.unset }
            let label: String
            if !ordered.isEmpty {
                label = zip(ordered, values).map { "\($0)=\($1)" }.joined(separator: " ")
            } else if runsPerLabel[values] == 1 {
                label = run.experiment + "/" + run.folder.lastPathComponent
            } else {
                label = run.experiment
            }
            rows += run.rows.map { row in
                var row = row
                row.run = label
                row.settings = zip(ordered, values).map { (key: $0, value: $1) }
                return row
            }
        }
        return rows
    }

    /// Shown for a setting a run does not have.
    static let unset = "–"

    /// The flattened settings of `<folder>/resolved.yaml` (dotted key -> YAML flow text of the value) and their file order.
    static func settings(of folder: URL) throws -> (values: [String: String], order: [String]) {
        let file = folder.appendingPathComponent("resolved.yaml")
        let node = try SpecNode.load(file: file.path)
        var values: [String: String] = [:]
        var order: [String] = []
        func visit(_ node: SpecNode, prefix: String) {
            if let entries = node.entries, !entries.isEmpty {
                for entry in entries { visit(entry.value, prefix: prefix.isEmpty ? entry.key : prefix + "." + entry.key) }
            } else if !prefix.isEmpty {
                values[prefix] = node.flowText
                order.append(prefix)
            }
        }
        visit(node, prefix: "")
        return (values, order)
    }

    /// The swept keys of the sweep a run folder belongs to (its parent holds sweep.yaml), else none.
    static func sweepAxisKeys(of folder: URL) -> [String] {
        let sweepFile = folder.deletingLastPathComponent().appendingPathComponent("sweep.yaml")
        guard FileManager.default.fileExists(atPath: sweepFile.path), let plan = try? SweepPlan.load(sweepFile: sweepFile).plan else { return [] }
        return plan.axes.map { SweepPlan.key(ofOverride: $0.key) }
    }

    /// Why a run did not complete, from its provenance.json (`interrupted`, `failed`, `running`, or `killed (...)`
    /// when it says running but the recorded process is gone); nil when it completed or has no provenance.
    static func incompleteStatus(of folder: URL) -> String? {
        guard let provenance = try? RunDirectory(url: folder).readProvenance(), provenance.status != .completed else { return nil }
        return provenance.liveness.description
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
