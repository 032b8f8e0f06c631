import Foundation
import Yams

/// Writing and reading `sweep.yaml`, the record of a sweep at the root of its folder.
extension SweepPlan {
    /// The text of `sweep.yaml`: spec path, base overrides, axes and every job's overrides.
    public func sweepFileText(sweepID: String) -> String {
        var text = "# FlowLab sweep: \(jobCount) job\(jobCount == 1 ? "" : "s"), the Cartesian product of the axes (first axis varies slowest).\n"
        text += "# Job i runs in the folder <i>/ next to this file.\n"
        text += "sweep_id: \(YAMLText.quoted(sweepID))\n"
        text += yamlBody()
        text += "jobs:\n"
        for (index, overrides) in jobs.enumerated() {
            text += "  - {index: \(index), overrides: [" + overrides.map(YAMLText.quoted).joined(separator: ", ") + "]}\n"
        }
        return text
    }

    /// Spec, overrides and axes as YAML (also the input of the sweep id hash).
    func yamlBody() -> String {
        var text = "spec: \(YAMLText.quoted(specPath))\n"
        text += baseOverrides.isEmpty ? "overrides: []\n" : "overrides:\n" + YAMLText.list(baseOverrides, indent: "  ")
        text += "axes:\n"
        for axis in axes {
            text += "  - key: \(YAMLText.quoted(axis.key))\n"
            text += "    values: [" + axis.values.map(YAMLText.quoted).joined(separator: ", ") + "]\n"
        }
        return text
    }

    /// Reads a `sweep.yaml`, rebuilds the plan and checks that re-expanding it gives the recorded jobs.
    public static func load(sweepFile: URL) throws -> (plan: SweepPlan, sweepID: String) {
        let text: String
        do {
            text = try String(contentsOf: sweepFile, encoding: .utf8)
        } catch {
            throw SweepError("\(sweepFile.path): cannot read: \(error.localizedDescription)")
        }
        func fail(_ what: String) -> SweepError { SweepError("\(sweepFile.path): \(what)") }
        let root: [String: Any]
        do {
            guard let mapping = try Yams.load(yaml: text) as? [String: Any] else { throw fail("expected a mapping at the top level") }
            root = mapping
        } catch let error as SweepError {
            throw error
        } catch {
            throw fail("not valid YAML: \(error)")
        }
        guard let sweepID = root["sweep_id"] as? String else { throw fail("missing or non-string 'sweep_id'") }
        guard let specPath = root["spec"] as? String else { throw fail("missing or non-string 'spec'") }
        let overrides = try strings(root["overrides"] ?? [Any](), at: "overrides", fail: fail)
        guard let axisEntries = root["axes"] as? [[String: Any]] else { throw fail("missing or malformed 'axes'") }
        let axes = try axisEntries.enumerated().map { index, entry in
            guard let key = entry["key"] as? String else { throw fail("axes[\(index)]: missing 'key'") }
            return try SweepAxis(key: key, values: strings(entry["values"] as Any, at: "axes[\(index)].values", fail: fail))
        }
        let plan = try SweepPlan(specPath: specPath, baseOverrides: overrides, specAxes: axes)
        guard let jobEntries = root["jobs"] as? [[String: Any]] else { throw fail("missing or malformed 'jobs'") }
        let recorded = try jobEntries.enumerated().map { index, entry in
            try strings(entry["overrides"] as Any, at: "jobs[\(index)].overrides", fail: fail)
        }
        guard recorded == plan.jobs else {
            throw fail("the recorded jobs do not match the expansion of its axes; the file was edited by hand")
        }
        return (plan, sweepID)
    }

    private static func strings(_ value: Any, at path: String, fail: (String) -> SweepError) throws -> [String] {
        guard let items = value as? [Any] else { throw fail("'\(path)' must be a list of strings") }
        return try items.enumerated().map { index, item in
            guard let string = item as? String else { throw fail("'\(path)[\(index)]' must be a string") }
            return string
        }
    }
}
