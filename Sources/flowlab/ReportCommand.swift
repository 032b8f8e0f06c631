import ArgumentParser
import FlowLab
import Foundation

/// `flowlab report`: a table of final evaluation metrics over runs and sweeps.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tabulate the /eval metrics of runs and sweeps.",
        discussion: """
        Finds every run folder (holding metrics.h5 and resolved.yaml) under the given paths. The \
        settings in which the runs differ (a sweep's axes, keys of resolved.yaml) become columns; runs \
        with identical settings are merged and their seeds aggregated as mean ± sample std. Metrics \
        keep the order the run wrote them in. A run that did not complete (or was killed) or cannot be \
        read is skipped with a note. --output refuses to overwrite a file of the runs it reads.

        When the runs' spec has a report: block (ablations: sub-tables whose rows are the values of a \
        swept key, next to the paper's numbers, with a verdict per metric on whether the paper's \
        ordering reproduces), the markdown output ends with those sub-tables; and a sweep folder given \
        on its own gets its report.md (metrics table and sub-tables) written too.

        Examples:
          flowlab report Results/modecollapse
          flowlab report Results/modecollapse/sweep-20250101-120000-a1b2c3 \\
            --format latex --output table.tex
        """
    )

    @Argument(help: "Run folders, sweep folders or experiment folders to collect.")
    var paths: [String]

    @Option(help: "Table format: markdown, csv or latex.")
    var format: ReportFormat = .markdown

    @Option(help: ArgumentHelp("Write the table to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        var collector = ReportCollector(reader: HDF5MetricsReader())
        collector.onSkippedRun = { folder, status in
            FileHandle.standardError.write(Data("note: skipped \(folder.path): the run is \(status), so it has no final metrics\n".utf8))
        }
        collector.onUnreadableRun = { folder, error in
            FileHandle.standardError.write(Data("note: skipped \(folder.path): \(error)\n".utf8))
        }
        let inputs = paths.map { URL(fileURLWithPath: $0) }
        if let output {
            try OutputGuard.refuseOverwritingInputs(output: URL(fileURLWithPath: output), inputFolders: inputs, option: "--output")
        }
        var text = try collector.table(from: inputs).render(format)
        if format == .markdown, let ablations = try AblationReport.load(from: inputs) {
            text += "\n" + ablations.markdown()
        }
        if inputs.count == 1, SweepDirectory.isSweepFolder(inputs[0]) {
            let written = try SweepDirectory(url: inputs[0]).writeReport()
            FileHandle.standardError.write(Data("wrote \(written.path)\n".utf8))
        }
        if let output {
            try AtomicFile.write(text, to: URL(fileURLWithPath: output))
        } else {
            print(text, terminator: "")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
