import ArgumentParser
import FlowLab
import Foundation

/// `flowlab sweep`: run the Cartesian product of swept values, locally or as a Slurm job array.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid of variations of one experiment, locally or on Slurm.",
        discussion: """
        The jobs are the Cartesian product of the spec's sweep: block and the -m key=a,b,c arguments \
        (a -m key replaces the same key of the sweep: block; the first key varies slowest). Values are \
        split on commas outside [..], {..} and quotes. The sweep lives in \
        Results/<experiment>/sweep-<id>/ with sweep.yaml and one run folder <i>/ per job. \
        With --launcher slurm, launch.sbatch is written there (and submitted with --submit); array \
        task i re-expands the same sweep and runs job i, so nothing has to stay alive meanwhile.

        Examples:
          flowlab sweep Experiments/modecollapse.yaml --dry-run \\
            -m train.optimizer.lr=1e-3,3e-3 -m 'seeds=[0],[1]'
          flowlab sweep Experiments/modecollapse.yaml -m model.depth=2,4 --jobs 2
          flowlab sweep Experiments/modecollapse.yaml --launcher slurm \\
            --time 02:00:00 --cpus-per-task 4 --submit
        """
    )

    /// Where the jobs run.
    enum Launcher: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    @Argument(help: "The experiment spec, e.g. Experiments/modecollapse.yaml.")
    var spec: String

    @Argument(help: "Overrides applied to every job, such as train.steps=500.")
    var overrides: [String] = []

    @Option(name: [.customShort("m"), .customLong("multirun")], help: ArgumentHelp("A swept key and its values (repeatable).", valueName: "key=a,b,c"))
    var multirun: [String] = []

    @Flag(help: "List the jobs and exit.")
    var dryRun = false

    @Option(help: "Jobs run at once (local), or the array's running-task limit (slurm). Default: 1 locally, no limit on Slurm.")
    var jobs: Int?

    @Option(help: "Where to run the jobs: local or slurm.")
    var launcher: Launcher = .local

    @Flag(help: "With --launcher slurm: submit the script with sbatch.")
    var submit = false

    @Option(help: ArgumentHelp("Run only job i of an existing sweep (used by the Slurm script).", valueName: "i"))
    var jobIndex: Int?

    @Option(help: ArgumentHelp("The existing sweep folder for --job-index.", valueName: "folder"))
    var sweepDir: String?

    @Option(help: "Slurm partition.")
    var partition: String?

    @Option(help: "Slurm time limit per task, e.g. 02:00:00.")
    var time: String?

    @Option(help: "Slurm CPUs per task.")
    var cpusPerTask: Int?

    @Option(help: "Slurm memory per task, e.g. 8G.")
    var mem: String?

    @Option(help: "Compute threads of every job.")
    var threads: Int?

    @Option(help: ArgumentHelp("The results root for the sweep folder.", valueName: "folder"))
    var results = "Results"

    func validate() throws {
        if let jobs, jobs <= 0 { throw ValidationError("--jobs must be positive, got \(jobs)") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
        if (jobIndex == nil) != (sweepDir == nil) { throw ValidationError("--job-index and --sweep-dir go together") }
        if submit && launcher != .slurm { throw ValidationError("--submit needs --launcher slurm") }
    }

    func run() throws {
        let specURL = URL(fileURLWithPath: spec)
        let inputs = try sweepInputs(of: specURL)
        let plan = try SweepPlan(specPath: spec, baseOverrides: overrides,
                                 specAxes: inputs.axes.map { try SweepAxis(key: $0.key, values: $0.values) },
                                 commandLineAxes: multirun.map(SweepAxis.init(multirunArgument:)))
        let passThrough = threads.map { ["--threads", String($0)] } ?? []

        if let jobIndex, let sweepDir {
            try runOneJob(jobIndex, of: plan, in: SweepDirectory(url: URL(fileURLWithPath: sweepDir)), passThrough: passThrough)
            return
        }
        if dryRun {
            print(plan.dryRunListing(), terminator: "")
            return
        }
        let sweepID = plan.sweepID(specText: inputs.specText)
        let directory = try SweepDirectory.create(resultsRoot: URL(fileURLWithPath: results), experiment: inputs.experiment, sweepID: sweepID, plan: plan)
        print("sweep folder: \(directory.url.path) (\(plan.jobCount) jobs)")

        switch launcher {
        case .local:
            let stop = StopSignal.install()
            defer { stop.uninstall() }
            let local = LocalSweepLauncher(executable: ExecutablePath.current(), parallelJobs: jobs ?? 1, passThroughArguments: passThrough)
            let summary = try local.run(plan: plan, directory: directory, stop: stop) { event in print(event) }
            print(summary.text, terminator: "")
            if stop.stopRequested { throw ExitCode(130) }
            if !summary.allSucceeded { throw ExitCode.failure }
        case .slurm:
            let slurm = SlurmLauncher(executable: ExecutablePath.current().path, workingDirectory: FileManager.default.currentDirectoryPath,
                                      options: SlurmOptions(partition: partition, time: time, cpusPerTask: cpusPerTask, memory: mem, parallelLimit: jobs),
                                      passThroughArguments: passThrough)
            let script = try slurm.writeScript(plan: plan, directory: directory, jobName: "\(inputs.experiment)-sweep")
            print("Slurm script: \(script.path)")
            if submit {
                print(try slurm.submit(script: script))
            } else {
                print("submit with: sbatch \(script.path)")
            }
        }
    }

    /// Runs job `index` of the sweep in `directory` in this process, after checking that this command re-expands to the recorded sweep.
    private func runOneJob(_ index: Int, of plan: SweepPlan, in directory: SweepDirectory, passThrough: [String]) throws {
        let recorded = try directory.loadPlan().plan
        guard recorded == plan else {
            throw SweepError("\(directory.sweepFileURL.path) records a different sweep than this command expands to (was the spec edited since the sweep started?)")
        }
        guard (0..<plan.jobCount).contains(index) else {
            throw SweepError("--job-index \(index) is outside the sweep's jobs 0..<\(plan.jobCount)")
        }
        let job = try RunCommand.parse(["--run-dir", directory.jobDirectory(index).path] + passThrough + ["--", spec] + plan.overrides(forJob: index))
        try job.run()
    }

    /// The experiment name, the spec's text and its `sweep:` block (key path -> values as YAML flow text, in file order).
    /// The spec's text is its resolved YAML (after `extends:`), so editing a parent spec changes the sweep id too.
    private func sweepInputs(of specURL: URL) throws -> (experiment: String, specText: String, axes: [(key: String, values: [String])]) {
        let experiment = try ExperimentSpec.load(file: specURL.path)
        let axes = experiment.sweep.map { axis in (key: axis.key, values: axis.values.map(\.flowText)) }
        return (experiment.experiment, experiment.resolvedYAML, axes)
    }
}
