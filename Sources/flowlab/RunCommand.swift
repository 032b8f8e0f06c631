import ArgumentParser
import FlowLab
import FlowTensor
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
            let experiment = try ExperimentSpec(resolved: SpecNode.parse(yaml: run.readResolvedSpec(), file: run.resolvedSpecURL.path))
            try configureThreads(experiment)
            var provenance = try run.readProvenance()
            provenance.resumes.append(Provenance.Resume(time: Date(), commandLine: CommandLine.arguments))
            provenance.status = .running
            provenance.processID = getpid()
            provenance.endTime = nil
            try run.writeProvenance(provenance)
            let log = try run.openLog()
            log.write("resumed: " + CommandLine.arguments.joined(separator: " "))
            try execute(experiment, in: run, log: log)
            return
        }
        guard let spec else { return }
        let specURL = URL(fileURLWithPath: spec)
        let experiment = try ExperimentSpec.load(file: spec, overrides: overrides)
        try ComponentRegistry.standard.validate(experiment)
        let resolved = (experiment: experiment.experiment, yaml: experiment.resolvedYAML, threads: experiment.threads)
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
        try configureThreads(experiment)
        try run.writeProvenance(Provenance.collect(specURL: specURL, blasThreads: ComputeThreads.blasThreads, threads: ComputeThreads.count))
        let log = try run.openLog()
        log.write("run \(run.runID) of \(spec) " + overrides.joined(separator: " "))
        if !quiet { FileHandle.standardError.write(Data("run folder: \(run.url.path)\n".utf8)) }
        try execute(experiment, in: run, log: log)
    }

    /// Sets the compute threads from --threads, else the spec's `threads`, else all cores.
    private func configureThreads(_ experiment: ExperimentSpec) throws {
        ComputeThreads.set(threads ?? experiment.threads ?? ComputeThreads.count)
    }

    /// Trains, samples and evaluates into `run`; a stop signal checkpoints and exits with 130.
    private func execute(_ experiment: ExperimentSpec, in run: RunDirectory, log: RunLog) throws {
        let stop = StopSignal.install()
        defer { stop.uninstall() }
        let progress = ProgressReporter(mode: ProgressReporter.automaticMode(quiet: quiet, plainEvery: 100))
        do {
            try ExperimentRunner(spec: experiment, run: run, log: log, progress: progress, stop: stop).run()
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
}
