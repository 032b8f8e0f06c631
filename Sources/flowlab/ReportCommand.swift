import ArgumentParser
import FlowLab
import Foundation

/// `flowlab report`: a table of final evaluation metrics over runs and sweeps.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Tabulate the /eval metrics of runs and sweeps.",
        discussion: """
        Finds every run folder (holding metrics.h5 and resolved.yaml) under the given paths and makes \
        one row per run and variant, one column per metric. Jobs of a sweep that differ only in their \
        seeds, and the seeds of one run, are aggregated as mean ± sample std.

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
            FileHandle.standardError.write(Data("note: skipped \(folder.path): the run is \(status.rawValue), so it has no final metrics\n".utf8))
        }
        let text = try collector.table(from: paths.map { URL(fileURLWithPath: $0) }).render(format)
        if let output {
            try AtomicFile.write(text, to: URL(fileURLWithPath: output))
        } else {
            print(text, terminator: "")
        }
    }
}

extension ReportFormat: ExpressibleByArgument {}
