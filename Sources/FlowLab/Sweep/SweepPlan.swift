import Foundation

/// The jobs of a sweep: the Cartesian product of its axes, expanded deterministically.
///
/// Axes come from the spec's `sweep:` block and from `-m key=a,b,c` arguments. A command-line axis
/// whose key is already in the spec replaces it in place; new keys are appended. The first axis
/// varies slowest, so job 0 takes every axis's first value. Every job's overrides are the base
/// overrides followed by one `key=value` per axis. Example:
///
///     let plan = try SweepPlan(specPath: "Experiments/toy.yaml", baseOverrides: ["train.steps=100"],
///                              commandLineAxes: [SweepAxis(multirunArgument: "train.optimizer.lr=1e-3,3e-3"),
///                                                SweepAxis(multirunArgument: "seeds=[0],[1]")])
///     plan.jobCount              // 4
///     plan.overrides(forJob: 1)  // ["train.steps=100", "train.optimizer.lr=1e-3", "seeds=[1]"]
public struct SweepPlan: Sendable, Equatable {
    /// The spec path as given on the command line.
    public let specPath: String
    /// Overrides applied to every job, before the swept ones.
    public let baseOverrides: [String]
    /// The axes in expansion order (first varies slowest).
    public let axes: [SweepAxis]

    /// Merges spec and command-line axes and checks that no key is both overridden and swept.
    public init(specPath: String, baseOverrides: [String] = [], specAxes: [SweepAxis] = [], commandLineAxes: [SweepAxis] = []) throws {
        var axes = specAxes
        var seenOnCommandLine: Set<String> = []
        for axis in commandLineAxes {
            guard seenOnCommandLine.insert(axis.key).inserted else {
                throw SweepError("sweep key '\(axis.key)' is given twice with -m")
            }
            if let index = axes.firstIndex(where: { $0.key == axis.key }) {
                axes[index] = axis
            } else {
                axes.append(axis)
            }
        }
        var seenInSpec: Set<String> = []
        for axis in specAxes where !seenInSpec.insert(axis.key).inserted {
            throw SweepError("sweep key '\(axis.key)' appears twice in the spec's sweep: block")
        }
        guard !axes.isEmpty else {
            throw SweepError("nothing to sweep: give -m key=a,b,... or a sweep: block in \(specPath)")
        }
        let sweptKeys = Set(axes.map(\.key))
        for override in baseOverrides where sweptKeys.contains(Self.key(ofOverride: override)) {
            throw SweepError("'\(Self.key(ofOverride: override))' is both overridden ('\(override)') and swept; drop one of them")
        }
        self.specPath = specPath
        self.baseOverrides = baseOverrides
        self.axes = axes
    }

    /// The number of jobs: the product of the axes' value counts.
    public var jobCount: Int {
        axes.reduce(1) { $0 * $1.values.count }
    }

    /// The overrides of job `index` (`0..<jobCount`): base overrides, then one `key=value` per axis.
    public func overrides(forJob index: Int) -> [String] {
        precondition((0..<jobCount).contains(index), "job index \(index) out of 0..<\(jobCount)")
        return baseOverrides + valueIndices(forJob: index).enumerated().map { axis, valueIndex in
            axes[axis].override(valueIndex: valueIndex)
        }
    }

    /// Every job's overrides, in job order.
    public var jobs: [[String]] {
        (0..<jobCount).map(overrides(forJob:))
    }

    /// The value index of every axis for job `index` (mixed radix, last axis fastest).
    func valueIndices(forJob index: Int) -> [Int] {
        var remainder = index
        var indices = [Int](repeating: 0, count: axes.count)
        for axis in axes.indices.reversed() {
            indices[axis] = remainder % axes[axis].values.count
            remainder /= axes[axis].values.count
        }
        return indices
    }

    /// `YYYYMMDD-HHMMSS-<6 hex of SHA-256 of the spec text, base overrides and axes>`.
    public func sweepID(specText: String, date: Date = Date(), timeZone: TimeZone = .current) -> String {
        CompactTimestamp.identifier(date: date, timeZone: timeZone, hashing: specText + "\n---\n" + yamlBody())
    }

    /// The `--dry-run` listing: one line per job with its index and overrides.
    public func dryRunListing() -> String {
        let width = String(max(jobCount - 1, 0)).count
        var lines = ["\(jobCount) job\(jobCount == 1 ? "" : "s") from \(specPath) (" + axes.map { "\($0.key): \($0.values.count)" }.joined(separator: " x ") + ")"]
        for (index, overrides) in jobs.enumerated() {
            let label = String(repeating: " ", count: width - String(index).count) + String(index)
            lines.append("  [\(label)] " + overrides.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The key an override sets: the text before `=`, without a leading `+`, `++` or `~`.
    static func key(ofOverride override: String) -> String {
        var key = override.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? override
        while let first = key.first, first == "+" || first == "~" { key.removeFirst() }
        return key
    }
}
