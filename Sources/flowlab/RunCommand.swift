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
        Ctrl-C (SIGINT) or SIGTERM stops at the next step of any phase (training writes a final checkpoint) \
        and prints how to resume; a second one exits at once. The spec is checked completely (every error \
        at once) before any folder is created. --resume of a completed run does nothing unless --force, or \
        train.steps=N extends training (recorded in provenance.json). A run folder is locked while in use.

        A spec with stages: first prints its plan: which stages it reuses from the stage cache (Results/.stages, or \
        $FLOWLAB_STAGES) and which it trains, with their step counts. Stages are trained in the run folder and \
        stored in the cache when complete; --retrain STAGE trains one again even when cached.

        Examples:
          flowlab run Experiments/modecollapse.yaml
          flowlab run Experiments/modecollapse.yaml train.steps=500 --threads 2
          flowlab run Experiments/modecollapse.yaml --print-config
          flowlab run --resume Results/modecollapse/20250101-120000-a1b2c3
          flowlab run --resume Results/modecollapse/20250101-120000-a1b2c3 train.steps=6000
          flowlab run Experiments/shapes-t2i-finetune.yaml --retrain pretrain
        """
    )

    @Argument(help: "The experiment spec, e.g. Experiments/modecollapse.yaml (not with --resume).")
    var spec: String?

    @Argument(help: "Overrides such as train.steps=500 (use -- before any that start with '-'); with --resume only a larger train.steps.")
    var overrides: [String] = []

    @Flag(help: "Print the resolved spec (after extends and overrides) and exit without running; the spec is checked first.")
    var printConfig = false

    @Option(help: ArgumentHelp("Continue the run in this folder from its last checkpoint.", valueName: "run-folder"))
    var resume: String?

    @Flag(help: "With --resume of a completed run: sample, evaluate and report again (training is not repeated).")
    var force = false

    @Option(help: ArgumentHelp("Use this new or empty folder for the run instead of a new Results/<experiment>/<run-id>/.", valueName: "folder"))
    var runDir: String?

    @Flag(help: "Print no progress.")
    var quiet = false

    @Option(help: "Compute threads (default: the spec's threads, else all cores).")
    var threads: Int?

    @Option(help: ArgumentHelp("The results root for new run folders.", valueName: "folder"))
    var results = "Results"

    @Option(help: ArgumentHelp("Train this stage of the spec again even if the stage cache holds it, and replace the cached one; the stages that start from it are trained again too (repeatable).", valueName: "stage"))
    var retrain: [String] = []

    /// With --resume, the positional arguments are overrides (the spec is read from the run folder).
    private var resumeOverrides: [String] { (spec.map { [$0] } ?? []) + overrides }

    func validate() throws {
        if resume != nil {
            guard runDir == nil, !printConfig else {
                throw ValidationError("--resume takes only the run folder (and train.steps=N to extend training): the spec is read from it")
            }
            guard retrain.isEmpty else {
                throw ValidationError("--retrain applies to new runs; --resume continues the stage the run was training")
            }
        } else if spec == nil {
            throw ValidationError("give an experiment spec, e.g. flowlab run Experiments/modecollapse.yaml, or --resume <run-folder>")
        } else if force {
            throw ValidationError("--force only applies with --resume of a completed run")
        }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
    }

    func run() throws {
        if let resume {
            try resumeRun(URL(fileURLWithPath: resume))
            return
        }
        guard let spec else { return }
        let specURL = URL(fileURLWithPath: spec)
        let experiment = try ExperimentRunner.loadValidated(file: spec, overrides: overrides)
        let resolved = (experiment: experiment.experiment, yaml: experiment.resolvedYAML, threads: experiment.threads)
        let plan = try StagePlan(spec: experiment, cache: .standard, retrain: Set(retrain))
        if printConfig {
            print(resolved.yaml, terminator: resolved.yaml.hasSuffix("\n") ? "" : "\n")
            for line in plan.lines { print("# " + line) }
            return
        }
        showPlan(plan)

        let run: RunDirectory
        if let runDir {
            run = try RunDirectory.prepare(at: URL(fileURLWithPath: runDir))
        } else {
            run = try RunDirectory.create(resultsRoot: URL(fileURLWithPath: results), experiment: resolved.experiment, resolvedYAML: resolved.yaml)
        }
        let lock = try RunLock.acquire(run)
        defer { lock.release() }
        try run.writeResolvedSpec(resolved.yaml)
        try run.writeOverrides(overrides)
        try configureThreads(experiment)
        try run.writeProvenance(Provenance.collect(specURL: specURL, blasThreads: ComputeThreads.blasThreads, threads: ComputeThreads.count))
        let log = try run.openLog()
        log.write("run \(run.runID) of \(spec) " + overrides.joined(separator: " "))
        if !quiet { FileHandle.standardError.write(Data("run folder: \(run.url.path)\n".utf8)) }
        try execute(experiment, in: run, log: log)
    }

    /// Prints the stage plan (nothing for a spec without stages) on standard error, unless quiet.
    private func showPlan(_ plan: StagePlan) {
        guard !quiet, !plan.lines.isEmpty else { return }
        FileHandle.standardError.write(Data(plan.lines.map { $0 + "\n" }.joined().utf8))
    }

    /// `--resume`: continues the run in `folder`; a completed run is left alone unless `--force`, and
    /// `train.steps=N` (larger than before) extends training, recorded in provenance.json.
    private func resumeRun(_ folder: URL) throws {
        let run = try RunDirectory.open(folder)
        let lock = try RunLock.acquire(run)
        defer { lock.release() }
        let removed = try run.removeStaleTemporaryFiles()
        let recorded = try ExperimentSpec(resolved: SpecNode.parse(yaml: run.readResolvedSpec(), file: run.resolvedSpecURL.path))
        let (experiment, previousSteps) = try extendedSpec(recorded)
        try ExperimentRunner.validate(experiment)
        try ExperimentRunner.checkCheckpoint(of: run, matches: recorded)
        let plan = try StagePlan(spec: experiment, cache: .standard, run: run)
        var provenance = try run.readProvenance()
        if provenance.status == .completed, previousSteps == nil, !force {
            print("\(run.url.path) is already completed; nothing to do. "
                  + "Use --force to sample, evaluate and report again, or add train.steps=N (> \(recorded.train.steps)) to train longer.")
            return
        }
        try configureThreads(experiment)
        if previousSteps != nil { try run.writeResolvedSpec(experiment.resolvedYAML) }
        provenance.resumes.append(Provenance.Resume(time: Date(), commandLine: CommandLine.arguments,
                                                    overrides: resumeOverrides.isEmpty ? nil : resumeOverrides,
                                                    previousTrainSteps: previousSteps))
        provenance.status = .running
        provenance.processID = getpid()
        provenance.endTime = nil
        try run.writeProvenance(provenance)
        let log = try run.openLog()
        log.write("resumed: " + CommandLine.arguments.joined(separator: " "))
        if !removed.isEmpty { log.write("removed temporary files of an interrupted write: " + removed.joined(separator: ", ")) }
        if let previousSteps { log.write("train.steps extended from \(previousSteps) to \(experiment.train.steps)") }
        showPlan(plan)
        if !quiet { FileHandle.standardError.write(Data("run folder: \(run.url.path)\n".utf8)) }
        try execute(experiment, in: run, log: log, previousFingerprint: previousSteps == nil ? nil : recorded.fingerprint)
    }

    /// The run's spec with the resume overrides applied (only a larger `train.steps`), and the steps before; nil when unchanged.
    private func extendedSpec(_ recorded: ExperimentSpec) throws -> (ExperimentSpec, Int?) {
        guard !resumeOverrides.isEmpty else { return (recorded, nil) }
        let parsed = try resumeOverrides.map(OverrideParser.parse)
        for override in parsed where override.keyPath != ["train", "steps"] || override.action != .set {
            throw ValidationError("--resume accepts only train.steps=N (to train longer); \(override.location) would change the run's spec. Start a new run for other changes")
        }
        let extended = try recorded.applying(parsed)
        guard extended.train.steps > recorded.train.steps else {
            throw ValidationError("train.steps=\(extended.train.steps) does not extend the run: it has \(recorded.train.steps) steps already")
        }
        return (try ExperimentSpec(resolved: extended.resolved), recorded.train.steps)
    }

    /// Sets the compute threads from --threads, else the spec's `threads`, else all cores.
    private func configureThreads(_ experiment: ExperimentSpec) throws {
        ComputeThreads.set(threads ?? experiment.threads ?? ComputeThreads.count)
    }

    /// Trains, samples and evaluates into `run`; a stop signal checkpoints and exits with 130.
    ///
    /// The run is `completed` once every output is written, even if a signal arrived during the last writes; a
    /// second signal exits at once but still records the run as `interrupted`. The terminal says where the run
    /// is and how to resume it.
    private func execute(_ experiment: ExperimentSpec, in run: RunDirectory, log: RunLog, previousFingerprint: String? = nil) throws {
        let resumeHint = "resume with: \(run.resumeCommand)"
        let stop = StopSignal.install(beforeExit: { signal in
            log.write("stopped at once by a second signal \(signal); \(resumeHint)")
            try? run.recordEnd(status: .interrupted)
            FileHandle.standardError.write(Data("run folder: \(run.url.path)\n\(resumeHint)\n".utf8))
        })
        defer { stop.uninstall() }
        let progress = ProgressReporter(mode: ProgressReporter.automaticMode(quiet: quiet, plainEvery: 100))
        let finished: Bool
        do {
            finished = try ExperimentRunner(spec: experiment, run: run, log: log, progress: progress, stop: stop,
                                            previousFingerprint: previousFingerprint, retrainStages: Set(retrain)).run()
        } catch {
            log.write("failed: \(error)")
            try? run.recordEnd(status: .failed)
            var note = "run failed; its folder: \(run.url.path)\n"
            if "\(error)".contains("No space left on device") || "\(error)".contains("File too large") {
                note += "the disk holding the run is full: free space, then \(resumeHint)\n"
            }
            FileHandle.standardError.write(Data(note.utf8))
            throw error
        }
        guard finished else {
            log.write("interrupted by signal \(stop.receivedSignal.map(String.init) ?? "-"); \(resumeHint)")
            try run.recordEnd(status: .interrupted)
            FileHandle.standardError.write(Data("\ninterrupted; the run is in \(run.url.path)\n\(resumeHint)\n".utf8))
            // Exit here, with the signal handler still installed: a second Ctrl-C arriving after the handler were
            // uninstalled would kill the process by SIGINT instead of ending it with 130.
            Foundation.exit(130)
        }
        try run.recordEnd(status: .completed)
        log.write("completed")
        if !quiet, let summary = try? RunSummary.text(of: run) {
            FileHandle.standardError.write(Data(summary.utf8))
        }
    }
}
