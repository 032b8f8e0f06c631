import ArgumentParser
import FlowLab
import Foundation

/// `flowlab sweep`: run the Cartesian product of swept values, locally or as a Slurm job array.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a grid of variations of one experiment, locally or on Slurm.",
        discussion: """
        As in Hydra's --multirun (-m is accepted and optional: a sweep is always a multirun), every \
        override whose value sweeps is an axis: key=a,b,c (commas outside [..], {..}, (..) and quotes), \
        key=choice(a,b,c) or key=range(start,stop[,step]) (stop excluded). Other overrides apply to \
        every job. The jobs are the Cartesian product of the axes and the spec's sweep: block (a \
        command-line value or axis replaces the same key of the sweep: block; the first axis varies slowest). \
        Every job's spec is resolved and checked first; if any job cannot run, the errors are printed \
        and nothing is created. The sweep lives in Results/<experiment>/sweep-<id>/ with sweep.yaml and \
        one run folder <i>/ per job (its output in <i>/console.txt; a failing job's error is also \
        printed here). Local jobs share the machine: --jobs N gives each job cores/N threads unless \
        --threads says otherwise. --resume DIR runs the jobs of an existing sweep that did not complete \
        (an interrupted job continues from its checkpoint). With --launcher slurm, launch.sbatch is \
        written there (and submitted with --submit); array task i re-expands the same sweep and runs \
        job i, so nothing has to stay alive meanwhile.

        Examples:
          flowlab sweep Experiments/smoke.yaml -m train.steps=100,200 seeds=[0],[1] --jobs 2
          flowlab sweep Experiments/modecollapse.yaml --dry-run \\
            train.optimizer.lr=1e-3,3e-3 'model.depth=range(2,8,2)'
          flowlab sweep Experiments/modecollapse.yaml -m 'sample.steps=choice(8,16,32)' --jobs 3
          flowlab sweep --resume Results/smoke/sweep-20250101-120000-a1b2c3
          flowlab sweep Experiments/modecollapse.yaml -m model.depth=2,4 --launcher slurm \\
            --time 02:00:00 --cpus-per-task 4 --submit
        """
    )

    /// Where the jobs run.
    enum Launcher: String, ExpressibleByArgument, CaseIterable {
        case local, slurm
    }

    @Argument(help: "The experiment spec, e.g. Experiments/modecollapse.yaml (not with --resume).")
    var spec: String?

    @Argument(help: "Overrides: key=a,b,c, key=choice(..) and key=range(..) are swept axes; key=value applies to every job.")
    var overrides: [String] = []

    @Flag(name: [.customShort("m"), .customLong("multirun")], help: "Hydra's multirun mode; accepted for familiarity (flowlab sweep always sweeps).")
    var multirun: Int

    @Flag(help: "Resolve and check every job's spec, list the jobs and exit (non-zero when any job cannot run).")
    var dryRun = false

    @Option(help: ArgumentHelp("Run the jobs of this sweep folder that did not complete.", valueName: "sweep-folder"))
    var resume: String?

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

    @Option(help: "Compute threads of every job (default locally: the cores divided among --jobs; on Slurm: --cpus-per-task).")
    var threads: Int?

    @Option(help: ArgumentHelp("The results root for the sweep folder.", valueName: "folder"))
    var results = "Results"

    func validate() throws {
        if let jobs, jobs <= 0 { throw ValidationError("--jobs must be positive, got \(jobs)") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
        if (jobIndex == nil) != (sweepDir == nil) { throw ValidationError("--job-index and --sweep-dir go together") }
        if submit && launcher != .slurm { throw ValidationError("--submit needs --launcher slurm") }
        if resume != nil {
            guard spec == nil, overrides.isEmpty, !dryRun, jobIndex == nil, launcher == .local else {
                throw ValidationError("--resume takes only the sweep folder (and --jobs, --threads): the spec and overrides are read from its sweep.yaml")
            }
        } else if spec == nil {
            throw ValidationError("give an experiment spec, e.g. flowlab sweep Experiments/smoke.yaml -m train.steps=100,200, or --resume <sweep-folder>")
        }
    }

    func run() throws {
        StandardOutput.makeLineBuffered()
        if let resume {
            try resumeSweep(SweepDirectory(url: URL(fileURLWithPath: resume)))
            return
        }
        guard let spec else { return }
        let specURL = URL(fileURLWithPath: spec)
        let inputs = try sweepInputs(of: specURL)
        var baseOverrides: [String] = []
        var commandLineAxes: [SweepAxis] = []
        let specAxisKeys = Set(inputs.axes.map(\.key))
        for override in overrides {
            if let axis = try SweepAxis(hydraOverride: override) {
                commandLineAxes.append(axis)
            } else if let equals = override.firstIndex(of: "="), specAxisKeys.contains(String(override[..<equals])) {
                // One value for a key of the spec's sweep: block narrows that axis to it (as Hydra's command line wins).
                commandLineAxes.append(try SweepAxis(key: String(override[..<equals]), values: [String(override[override.index(after: equals)...])]))
            } else {
                baseOverrides.append(override)
            }
        }
        let plan = try SweepPlan(specPath: spec, baseOverrides: baseOverrides,
                                 specAxes: inputs.axes.map { try SweepAxis(key: $0.key, values: $0.values) },
                                 commandLineAxes: commandLineAxes)

        if let jobIndex, let sweepDir {
            try runOneJob(jobIndex, of: plan, in: SweepDirectory(url: URL(fileURLWithPath: sweepDir)),
                          passThrough: threads.map { ["--threads", String($0)] } ?? [])
            return
        }
        if dryRun { print(plan.dryRunListing(), terminator: "") }
        let failures = SweepValidation.failures(of: plan)
        guard failures.isEmpty else {
            var message = "\(failures.count) of \(plan.jobCount) jobs cannot run; nothing was created:\n"
            // A job with several spec errors lists them on lines of their own, indented under the job.
            message += failures.map { "  " + $0.description.replacingOccurrences(of: "\n", with: "\n  ") }.joined(separator: "\n")
            throw SweepError(message)
        }
        if dryRun {
            print("all \(plan.jobCount) jobs resolve and validate")
            return
        }

        switch launcher {
        case .local:
            let slots = min(jobs ?? 1, plan.jobCount)
            let perJob = threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount / slots)
            try SlurmOptions.checkValue(inputs.experiment, name: "experiment")
            let sweepID = plan.sweepID(specText: inputs.specText)
            let directory = try SweepDirectory.create(resultsRoot: URL(fileURLWithPath: results), experiment: inputs.experiment, sweepID: sweepID, plan: plan)
            print("sweep folder: \(directory.url.path) (\(plan.jobCount) jobs, \(slots) at once, \(perJob) thread\(perJob == 1 ? "" : "s") each)")
            try runLocally(plan: plan, directory: directory, onlyJobs: nil, slots: slots, threadsPerJob: perJob)
        case .slurm:
            let options = SlurmOptions(partition: partition, time: time, cpusPerTask: cpusPerTask, memory: mem, parallelLimit: jobs)
            try options.check()
            let jobName = "\(inputs.experiment)-sweep"
            try SlurmOptions.checkValue(jobName, name: "job name")
            let passThrough = (threads ?? cpusPerTask).map { ["--threads", String($0)] } ?? []
            let slurm = SlurmLauncher(executable: ExecutablePath.current().path, workingDirectory: FileManager.default.currentDirectoryPath,
                                      options: options, passThroughArguments: passThrough)
            try slurm.checkPaths(plan: plan, resultsRoot: results)
            let sweepID = plan.sweepID(specText: inputs.specText)
            let directory = try SweepDirectory.create(resultsRoot: URL(fileURLWithPath: results), experiment: inputs.experiment, sweepID: sweepID, plan: plan)
            print("sweep folder: \(directory.url.path) (\(plan.jobCount) jobs)")
            let script = try slurm.writeScript(plan: plan, directory: directory, jobName: jobName)
            print("Slurm script: \(script.path)")
            if submit {
                print(try slurm.submit(script: script))
            } else {
                print("submit with: sbatch \(script.path)")
            }
        }
    }

    /// Runs the jobs of an existing sweep folder that did not complete.
    private func resumeSweep(_ directory: SweepDirectory) throws {
        let plan = try directory.loadPlan().plan
        let pending = (0..<plan.jobCount).filter { !directory.jobCompleted($0) }
        guard !pending.isEmpty else {
            print("all \(plan.jobCount) jobs of \(directory.url.path) completed; nothing to resume")
            return
        }
        let slots = min(jobs ?? 1, pending.count)
        let perJob = threads ?? max(1, ProcessInfo.processInfo.activeProcessorCount / slots)
        print("resuming \(directory.url.path): \(pending.count) of \(plan.jobCount) jobs did not complete (\(pending.map(String.init).joined(separator: ", "))); \(slots) at once, \(perJob) thread\(perJob == 1 ? "" : "s") each")
        try runLocally(plan: plan, directory: directory, onlyJobs: pending, slots: slots, threadsPerJob: perJob)
    }

    /// Runs `onlyJobs` (all when nil) as child processes, printing each start and end and the error of each failing job.
    private func runLocally(plan: SweepPlan, directory: SweepDirectory, onlyJobs: [Int]?, slots: Int, threadsPerJob: Int) throws {
        let stop = StopSignal.install()
        defer { stop.uninstall() }
        let local = LocalSweepLauncher(executable: ExecutablePath.current(), parallelJobs: slots,
                                       passThroughArguments: ["--threads", String(threadsPerJob)])
        let summary = try local.run(plan: plan, directory: directory, onlyJobs: onlyJobs, stop: stop) { event in
            print(event)
            if case .finished(let result) = event, let status = result.exitStatus, status != 0 {
                print(SweepJobResult.consoleTail(of: result.directory).map { "    " + $0 }.joined(separator: "\n"))
            }
        }
        print(summary.text, terminator: "")
        if !stop.stopRequested {
            do {
                print("report: \(try directory.writeReport().path)")
            } catch {
                print("no report.md: \(error)")
            }
        }
        if !summary.allSucceeded || stop.stopRequested {
            print("continue the jobs that did not complete with: flowlab sweep --resume \(ShellQuoting.quote(directory.url.path))")
        }
        if stop.stopRequested { throw ExitCode(130) }
        if !summary.allSucceeded { throw ExitCode.failure }
    }

    /// Runs job `index` of the sweep in `directory` in this process, after checking that this command re-expands to the recorded sweep.
    private func runOneJob(_ index: Int, of plan: SweepPlan, in directory: SweepDirectory, passThrough: [String]) throws {
        let spec = plan.specPath
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
