import ArgumentParser
import FlowLab
import Foundation

/// `flowlab run`: train, sample and evaluate one experiment in a new run folder.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train, sample and evaluate one experiment.",
        discussion: """
        Creates Results/<experiment>/<run-id>/ (run id: date-time plus a hash of the resolved spec) \
        with resolved.yaml, overrides.yaml, provenance.json, log.txt, metrics.h5, checkpoint.h5, \
        samples.h5 and report.md. Overrides use Hydra's grammar: key=value, +new.key=value, ~key. \
        Ctrl-C (SIGINT) or SIGTERM writes a final checkpoint and exits; a second one exits at once.

        Examples:
          flowlab run Experiments/modecollapse.yaml
          flowlab run Experiments/modecollapse.yaml train.steps=500 --threads 2
          flowlab run Experiments/modecollapse.yaml --print-config
          flowlab run --resume Results/modecollapse/20250101-120000-a1b2c3
        """
    )

    @Argument(help: "The experiment spec, e.g. Experiments/modecollapse.yaml (not with --resume).")
    var spec: String?

    @Argument(help: "Overrides such as train.steps=500 (use -- before any that start with '-').")
    var overrides: [String] = []

    @Flag(help: "Print the resolved spec (after extends and overrides) and exit without running.")
    var printConfig = false

    @Option(help: ArgumentHelp("Continue the run in this folder from its last checkpoint.", valueName: "run-folder"))
    var resume: String?

    @Option(help: ArgumentHelp("Use this folder for the run instead of a new Results/<experiment>/<run-id>/.", valueName: "folder"))
    var runDir: String?

    @Flag(help: "Print no progress.")
    var quiet = false

    @Option(help: "Compute threads (default: the spec's threads, else all cores).")
    var threads: Int?

    @Option(help: ArgumentHelp("The results root for new run folders.", valueName: "folder"))
    var results = "Results"

    func validate() throws {
        if resume != nil {
            guard spec == nil, overrides.isEmpty, runDir == nil, !printConfig else {
                throw ValidationError("--resume takes only the run folder: the spec and overrides are read from it")
            }
        } else if spec == nil {
            throw ValidationError("give an experiment spec, e.g. flowlab run Experiments/modecollapse.yaml, or --resume <run-folder>")
        }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
    }

    func run() throws {
        if let resume {
            let run = try RunDirectory.open(URL(fileURLWithPath: resume))
            _ = try run.readOverrides()
            // WIRING: reload resolved.yaml, restore checkpoint.h5 and continue training (RunCommand --resume).
            throw notWiredYet("resuming a run (\(run.url.path))")
        }
        guard let spec else { return }
        let specURL = URL(fileURLWithPath: spec)
        let resolved = try resolveSpec(at: specURL)
        if printConfig {
            print(resolved.yaml, terminator: resolved.yaml.hasSuffix("\n") ? "" : "\n")
            return
        }

        let run: RunDirectory
        if let runDir {
            run = try RunDirectory.prepare(at: URL(fileURLWithPath: runDir))
        } else {
            run = try RunDirectory.create(resultsRoot: URL(fileURLWithPath: results), experiment: resolved.experiment, resolvedYAML: resolved.yaml)
        }
        try run.writeResolvedSpec(resolved.yaml)
        try run.writeOverrides(overrides)
        let computeThreads = threads ?? resolved.threads ?? ProcessInfo.processInfo.activeProcessorCount
        try run.writeProvenance(Provenance.collect(specURL: specURL, blasThreads: computeThreads, threads: computeThreads))
        let log = try run.openLog()
        log.write("run \(run.runID) of \(spec) " + overrides.joined(separator: " "))
        if !quiet { FileHandle.standardError.write(Data("run folder: \(run.url.path)\n".utf8)) }

        let stop = StopSignal.install()
        defer { stop.uninstall() }
        let progress = ProgressReporter(mode: ProgressReporter.automaticMode(quiet: quiet, plainEvery: 100))
        do {
            try train(run: run, log: log, progress: progress, stop: stop)
        } catch {
            log.write("failed: \(error)")
            try? run.recordEnd(status: .failed)
            throw error
        }
        if stop.stopRequested {
            log.write("interrupted by signal \(stop.receivedSignal.map(String.init) ?? "-"); resume with: flowlab run --resume \(run.url.path)")
            try run.recordEnd(status: .interrupted)
            throw ExitCode(130)
        }
        try run.recordEnd(status: .completed)
        log.write("completed")
    }

    /// The experiment name, resolved YAML text and thread count of the spec at `specURL` with `overrides` applied.
    private func resolveSpec(at specURL: URL) throws -> (experiment: String, yaml: String, threads: Int?) {
        // WIRING: load the spec (extends + overrides), validate it, and return its name, resolved YAML and threads.
        throw notWiredYet("loading experiment specs (\(specURL.path))")
    }

    /// Trains, samples and evaluates into `run`, polling `stop` to checkpoint and return early.
    private func train(run: RunDirectory, log: RunLog, progress: ProgressReporter, stop: StopSignal) throws {
        // WIRING: build components from the resolved spec, train with checkpoints, sample, evaluate, write report.md.
        throw notWiredYet("training")
    }
}
