import FlowSupport
import Foundation

extension SweepDirectory {
    /// `report.md`, the sweep's report.
    public var reportURL: URL { url.appendingPathComponent("report.md", isDirectory: false) }

    /// Whether `folder` is a sweep's folder (it holds `sweep.yaml`).
    public static func isSweepFolder(_ folder: URL) -> Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("sweep.yaml").path)
    }

    /// The text of the sweep's `report.md`: the metrics table of its completed runs (``ReportCollector``), then the
    /// ablation sub-tables of its spec's `report:` block (``AblationReport``) when it has one.
    public func reportText(reader: HDF5MetricsReader = HDF5MetricsReader()) throws -> String {
        var text = "# Sweep \(url.lastPathComponent)\n\n"
        text += "## Final metrics (mean ± std over seeds)\n\n"
        text += try ReportCollector(reader: reader).table(from: [url]).render(.markdown) + "\n"
        if let ablations = try AblationReport.load(from: [url], reader: reader) { text += ablations.markdown() }
        return text
    }

    /// Writes ``reportText(reader:)`` to `report.md` atomically; returns its URL.
    @discardableResult
    public func writeReport(reader: HDF5MetricsReader = HDF5MetricsReader()) throws -> URL {
        try AtomicFile.write(try reportText(reader: reader), to: reportURL)
        return reportURL
    }
}
