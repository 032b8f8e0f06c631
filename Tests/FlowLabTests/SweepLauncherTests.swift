import Foundation
import XCTest
@testable import FlowLab

final class SweepLauncherTests: XCTestCase {
    private func makePlan() throws -> SweepPlan {
        try SweepPlan(specPath: "Experiments/toy spec.yaml", baseOverrides: ["train.steps=10"], commandLineAxes: [
            SweepAxis(multirunArgument: "train.optimizer.lr=1e-3,3e-3"),
            SweepAxis(multirunArgument: "sample.guidance={name: cfg, scale: 3},{name: 'none'}"),
            SweepAxis(multirunArgument: "seeds=[0],[1],[2]"),
        ])
    }

    // MARK: Slurm

    func testSlurmScriptDirectivesAndTaskCommandReExpandTheSweep() throws {
        let root = try makeRunTestFolder(self)
        let plan = try makePlan()
        let directory = try SweepDirectory.create(resultsRoot: root, experiment: "toy", sweepID: "20250101-120000-abcdef", plan: plan)
        let launcher = SlurmLauncher(executable: "/opt/flow lab/flowlab", workingDirectory: "/home/me/flowlab",
                                     options: SlurmOptions(partition: "gpu", time: "02:00:00", cpusPerTask: 4, memory: "8G", parallelLimit: 3),
                                     passThroughArguments: ["--threads", "4"])
        let scriptURL = try launcher.writeScript(plan: plan, directory: directory, jobName: "toy-sweep")
        XCTAssertEqual(scriptURL, directory.slurmScriptURL)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: scriptURL.path))
        let script = try ParsedSbatchScript(text: String(contentsOf: scriptURL, encoding: .utf8))

        XCTAssertEqual(script.shebang, "#!/bin/bash")
        XCTAssertEqual(script.directives["job-name"], "toy-sweep")
        XCTAssertEqual(script.directives["array"], "0-11%3")
        XCTAssertEqual(script.directives["output"], directory.url.path + "/%a/slurm-%A_%a.out")
        XCTAssertEqual(script.directives["partition"], "gpu")
        XCTAssertEqual(script.directives["time"], "02:00:00")
        XCTAssertEqual(script.directives["cpus-per-task"], "4")
        XCTAssertEqual(script.directives["mem"], "8G")
        XCTAssertTrue(FileManager.default.fileExists(atPath: directory.jobDirectory(11).path), "output folders exist before sbatch opens them")
        XCTAssertTrue(script.commands.contains(["cd", "/home/me/flowlab"]))

        // Every array task i: substitute i, parse the flowlab command line as the CLI would, re-expand, compare.
        for taskIndex in 0..<plan.jobCount {
            let words = try XCTUnwrap(script.commands.last).map { $0 == ParsedSbatchScript.taskVariable ? String(taskIndex) : $0 }
            XCTAssertEqual(Array(words.prefix(2)), ["exec", "/opt/flow lab/flowlab"])
            let arguments = Array(words.dropFirst(2))
            XCTAssertEqual(arguments.first, "sweep")
            let parsed = try parseSweepCommand(Array(arguments.dropFirst()))
            XCTAssertEqual(parsed.jobIndex, taskIndex)
            XCTAssertEqual(parsed.sweepDirectory, directory.url.path)
            XCTAssertEqual(parsed.passThrough, ["--threads", "4"])
            let reExpanded = try SweepPlan(specPath: parsed.spec, baseOverrides: parsed.overrides,
                                           commandLineAxes: parsed.multirun.map { try XCTUnwrap(SweepAxis(hydraOverride: $0)) })
            XCTAssertEqual(reExpanded, plan)
            XCTAssertEqual(reExpanded.overrides(forJob: taskIndex), plan.overrides(forJob: taskIndex))
        }
    }

    func testSlurmScriptWithoutOptionalDirectives() throws {
        let root = try makeRunTestFolder(self)
        let plan = try SweepPlan(specPath: "x.yaml", commandLineAxes: [SweepAxis(multirunArgument: "a=1,2")])
        let directory = SweepDirectory(url: root.appendingPathComponent("sweep-1"))
        let text = SlurmLauncher(executable: "/bin/flowlab", workingDirectory: "/w").script(plan: plan, directory: directory, jobName: "x")
        let script = try ParsedSbatchScript(text: text)
        XCTAssertEqual(script.directives["array"], "0-1")
        XCTAssertEqual(Set(script.directives.keys), ["job-name", "array", "output"])
    }

    func testControlCharactersInSlurmValuesAreRefusedBeforeAnythingIsWritten() throws {
        let root = try makeRunTestFolder(self)
        let plan = try SweepPlan(specPath: "x.yaml", commandLineAxes: [SweepAxis(multirunArgument: "a=1,2")])
        let directory = SweepDirectory(url: root.appendingPathComponent("sweep-1"))
        let hostile: [(SlurmOptions, String)] = [
            (SlurmOptions(partition: "gpu\ntouch /tmp/x"), "--partition"),
            (SlurmOptions(time: "01:00:00\r#SBATCH --x"), "--time"),
            (SlurmOptions(memory: "8G\u{0}"), "--mem"),
            (SlurmOptions(partition: "gpu touch"), "--partition"),
        ]
        for (options, name) in hostile {
            let launcher = SlurmLauncher(executable: "/bin/flowlab", workingDirectory: "/w", options: options)
            XCTAssertThrowsError(try launcher.writeScript(plan: plan, directory: directory, jobName: "x")) {
                XCTAssertTrue("\($0)".hasPrefix(name), "\($0)")
                XCTAssertFalse("\($0)".contains("\n"), "the message shows the value escaped: \($0)")
            }
        }
        for (launcher, jobName) in [(SlurmLauncher(executable: "/bin/flowlab", workingDirectory: "/w\nrm -rf ~"), "x"),
                                    (SlurmLauncher(executable: "/bin/flowlab", workingDirectory: "/w"), "x\ny")] {
            XCTAssertThrowsError(try launcher.writeScript(plan: plan, directory: directory, jobName: jobName))
        }
        let badOverride = try SweepPlan(specPath: "x.yaml", baseOverrides: ["description=a\nb"], commandLineAxes: [SweepAxis(multirunArgument: "a=1,2")])
        XCTAssertThrowsError(try SlurmLauncher(executable: "/bin/flowlab", workingDirectory: "/w").writeScript(plan: badOverride, directory: directory, jobName: "x"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.url.path), "nothing is written for a refused script")
    }

    func testSubmitWithoutSbatchIsAClearError() throws {
        let root = try makeRunTestFolder(self)
        let which = SystemInfo.runTool(["sh", "-c", "command -v sbatch"])
        if let which, !which.isEmpty { throw XCTSkip("sbatch is installed here") }
        let launcher = SlurmLauncher(executable: "/bin/flowlab", workingDirectory: "/w")
        XCTAssertThrowsError(try launcher.submit(script: root.appendingPathComponent("launch.sbatch"))) {
            XCTAssertTrue("\($0)".contains("sbatch not found"), "\($0)")
        }
    }

    // MARK: Local

    func testLocalLauncherRunsEveryJobInItsFolderWithLimitedParallelism() throws {
        let root = try makeRunTestFolder(self)
        let plan = try SweepPlan(specPath: "Experiments/toy.yaml", commandLineAxes: [SweepAxis(multirunArgument: "a=1,2,3"), SweepAxis(multirunArgument: "b=x,y")])
        let directory = try SweepDirectory.create(resultsRoot: root, experiment: "toy", sweepID: "id", plan: plan)
        // A stand-in for `flowlab run`: records its arguments, fails for a=2 b=y.
        let fake = root.appendingPathComponent("fake-flowlab")
        try AtomicFile.write("""
        #!/bin/sh
        dir=""; prev=""
        for word in "$@"; do [ "$prev" = "--run-dir" ] && dir="$word"; prev="$word"; done
        printf '%s\\n' "$@" > "$dir/arguments.txt"
        for word in "$@"; do [ "$word" = "b=y" ] && grep -qx 'a=2' "$dir/arguments.txt" && exit 3; done
        exit 0

        """, to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)

        let events = ConcurrentResults()
        let launcher = LocalSweepLauncher(executable: fake, parallelJobs: 2, passThroughArguments: ["--threads", "1"])
        let summary = try launcher.run(plan: plan, directory: directory) { events.append($0.description) }

        XCTAssertEqual(summary.results.map(\.index), Array(0..<6))
        XCTAssertEqual(summary.results.map(\.exitStatus), [0, 0, 0, 3, 0, 0])
        XCTAssertFalse(summary.allSucceeded)
        XCTAssertTrue(summary.text.hasPrefix("5/6 jobs succeeded\n  job 3: exit status 3"), summary.text)
        for index in 0..<6 {
            let recorded = try String(contentsOf: directory.jobDirectory(index).appendingPathComponent("arguments.txt"), encoding: .utf8)
            XCTAssertEqual(recorded.split(separator: "\n").map(String.init),
                           ["run", "--run-dir", directory.jobDirectory(index).path, "--quiet", "--threads", "1", "--", "Experiments/toy.yaml"]
                           + plan.overrides(forJob: index))
            XCTAssertTrue(FileManager.default.fileExists(atPath: directory.jobDirectory(index).appendingPathComponent("console.txt").path))
        }
        XCTAssertEqual(events.values.filter { $0.contains("started") }.count, 6)
        XCTAssertEqual(events.values.filter { $0.hasPrefix("job 3 failed (exit status 3)") }.count, 1)
    }

    func testLocalLauncherStopsLaunchingAndInterruptsChildrenOnStop() throws {
        let root = try makeRunTestFolder(self)
        let plan = try SweepPlan(specPath: "x.yaml", commandLineAxes: [SweepAxis(multirunArgument: "a=1,2,3,4")])
        let directory = try SweepDirectory.create(resultsRoot: root, experiment: "x", sweepID: "id", plan: plan)
        // Sleeps until interrupted, then exits 130 like a run that checkpointed after SIGINT.
        let fake = root.appendingPathComponent("fake-flowlab")
        try AtomicFile.write("#!/bin/sh\ntrap 'exit 130' INT\ni=0\nwhile [ $i -lt 100 ]; do sleep 0.05; i=$((i+1)); done\n", to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let stop = StopSignal.install(signals: [SIGUSR2], onSecondSignal: { _ in })
        defer { stop.uninstall() }
        let launcher = LocalSweepLauncher(executable: fake, parallelJobs: 2)
        let started = Date()
        let summary = try launcher.run(plan: plan, directory: directory, stop: stop) { event in
            if case .started(1, _) = event {
                DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { stop.requestStop() }
            }
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 4, "children must be interrupted, not waited for")
        XCTAssertEqual(summary.results.map(\.exitStatus), [130, 130, nil, nil])
        XCTAssertTrue(summary.text.hasPrefix("0/4 jobs succeeded, 2 not run"), summary.text)
    }
}

/// The parts of an sbatch script a test needs: directives and the command lines, split into shell words.
struct ParsedSbatchScript {
    /// Stands for `"$SLURM_ARRAY_TASK_ID"` in parsed words.
    static let taskVariable = "<SLURM_ARRAY_TASK_ID>"
    var shebang = ""
    var directives: [String: String] = [:]
    var commands: [[String]] = []

    init(text: String) throws {
        for (number, line) in text.split(separator: "\n").enumerated() {
            if number == 0 { shebang = String(line); continue }
            if line.hasPrefix("#SBATCH --") {
                let body = line.dropFirst("#SBATCH --".count)
                let parts = body.split(separator: "=", maxSplits: 1).map(String.init)
                directives[parts[0]] = parts.count > 1 ? parts[1] : ""
            } else if !line.hasPrefix("#") {
                commands.append(try Self.words(String(line)))
            }
        }
    }

    /// Splits a shell line into words: single quotes literal, double quotes only around `$SLURM_ARRAY_TASK_ID`.
    static func words(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var index = line.startIndex
        while index < line.endIndex {
            let character = line[index]
            if character == " " {
                if inWord { words.append(current); current = ""; inWord = false }
            } else if character == "'" {
                guard let close = line[line.index(after: index)...].firstIndex(of: "'") else { throw SweepError("unterminated quote in \(line)") }
                current += line[line.index(after: index)..<close]
                index = close
                inWord = true
            } else if line[index...].hasPrefix("\"$SLURM_ARRAY_TASK_ID\"") {
                current += taskVariable
                index = line.index(index, offsetBy: "\"$SLURM_ARRAY_TASK_ID\"".count - 1)
                inWord = true
            } else if character == "\\" {
                index = line.index(after: index)
                current.append(line[index])
                inWord = true
            } else if character == "\"" || character == "$" {
                throw SweepError("unexpected \(character) in \(line)")
            } else {
                current.append(character)
                inWord = true
            }
            index = line.index(after: index)
        }
        if inWord { words.append(current) }
        return words
    }
}

/// The `flowlab sweep` arguments the script passes, parsed as the CLI declares them.
func parseSweepCommand(_ arguments: [String]) throws -> (jobIndex: Int, sweepDirectory: String, multirun: [String], passThrough: [String], spec: String, overrides: [String]) {
    var jobIndex: Int?
    var sweepDirectory: String?
    var multirun: [String] = []
    var passThrough: [String] = []
    var index = 0
    while index < arguments.count, arguments[index] != "--" {
        let option = arguments[index]
        let value = arguments[index + 1]
        if option == "-m" { index += 1; continue }  // Hydra's multirun mode: a flag without a value
        switch option {
        case "--job-index": jobIndex = Int(value)
        case "--sweep-dir": sweepDirectory = value
        default: passThrough += [option, value]
        }
        index += 2
    }
    let positional = Array(arguments[(index + 1)...])
    var overrides: [String] = []
    for override in positional.dropFirst() {
        if try SweepAxis(hydraOverride: override) != nil { multirun.append(override) } else { overrides.append(override) }
    }
    return (try XCTUnwrap(jobIndex), try XCTUnwrap(sweepDirectory), multirun, passThrough, positional[0], overrides)
}
