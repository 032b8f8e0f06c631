import FlowTensor
import Foundation

/// Where, when and with what a run ran: the contents of `provenance.json`.
///
/// Example:
///
///     var provenance = Provenance.collect(specURL: specURL, blasThreads: 1, threads: 2)
///     try run.writeProvenance(provenance)
///     // ... train ...
///     try run.recordEnd(status: .completed)
public struct Provenance: Codable, Sendable, Equatable {
    /// `git rev-parse HEAD` of the repository holding the spec, or `"unknown"` outside a repository.
    public var gitCommit: String
    /// Whether that repository had uncommitted changes (`git status --porcelain` non-empty); `nil` when unknown.
    public var gitDirty: Bool?
    /// The Swift toolchain, e.g. `Swift version 6.3.1 (swift-6.3.1-RELEASE)`.
    public var swiftVersion: String
    /// Operating system name, release and machine, e.g. `Linux 6.8.0 x86_64`.
    public var operatingSystem: String
    /// The machine's host name.
    public var host: String
    /// The process id of the `flowlab` process that last started or resumed the run, so a run that says
    /// `running` can be told apart from one whose process was killed (see ``liveness``); nil in older records.
    public var processID: Int32?
    /// Threads used by BLAS.
    public var blasThreads: Int
    /// The CPU (`model name` of /proc/cpuinfo); with `blasKernels` it says which machines reproduce this run bit for bit.
    public var cpuModel: String?
    /// The OpenBLAS kernel family in use (`openblas_get_corename`, e.g. `Haswell`): runs agree bit for bit only when this agrees.
    public var blasKernels: String?
    /// The OpenBLAS build (`openblas_get_config`, e.g. `OpenBLAS 0.3.21 ... DYNAMIC_ARCH ... Haswell MAX_THREADS=64`).
    public var blasLibrary: String?
    /// Compute threads used by the run.
    public var threads: Int
    /// The full command line that started the run.
    public var commandLine: [String]
    /// The working directory the command was started in.
    public var workingDirectory: String
    /// When the run started.
    public var startTime: Date
    /// When the run last ended (updated on every finish, including after a resume); `nil` while running.
    public var endTime: Date?
    /// How the run last ended.
    public var status: RunStatus
    /// When the run was resumed, oldest first, with the command lines used.
    public var resumes: [Resume]
    /// The process's peak resident memory in bytes (`getrusage` maxrss) when it last ended; nil while running.
    public var peakResidentBytes: Int?
    /// The stage-cache key of every stage the run used (`stages:`), by its name in `metrics.h5` (`pretrain`, or
    /// `pretrain_seed1` with several seeds): `Results/.stages/<key>/` holds it. Nil without stages.
    public var stages: [String: String]?
    /// The SHA-256 of every pretrained weight file the run read, keyed `<package>/<file>`
    /// (`minilm/model.safetensors`), computed from the bytes when they were loaded; nil when it read none.
    public var pretrainedWeights: [String: String]?

    /// One `--resume` of a run.
    public struct Resume: Codable, Sendable, Equatable {
        /// When the resume started.
        public var time: Date
        /// The command line of the resume.
        public var commandLine: [String]
        /// What the resume changed in the spec, e.g. `["train.steps=5000"]` to extend training; nil: nothing.
        public var overrides: [String]?
        /// `train.steps` before the resume, when it extended training.
        public var previousTrainSteps: Int?

        /// Creates a resume record.
        public init(time: Date, commandLine: [String], overrides: [String]? = nil, previousTrainSteps: Int? = nil) {
            self.time = time
            self.commandLine = commandLine
            self.overrides = overrides
            self.previousTrainSteps = previousTrainSteps
        }
    }

    /// Creates a provenance record from explicit values (tests, or callers that know better).
    public init(gitCommit: String, gitDirty: Bool?, swiftVersion: String, operatingSystem: String, host: String,
                blasThreads: Int, threads: Int, commandLine: [String], workingDirectory: String,
                startTime: Date, endTime: Date? = nil, status: RunStatus = .running, resumes: [Resume] = []) {
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.swiftVersion = swiftVersion
        self.operatingSystem = operatingSystem
        self.host = host
        self.processID = getpid()
        self.cpuModel = SystemInfo.cpuModel()
        self.blasKernels = BLASLibrary.kernelFamily
        self.blasLibrary = BLASLibrary.configuration
        self.blasThreads = blasThreads
        self.threads = threads
        self.commandLine = commandLine
        self.workingDirectory = workingDirectory
        self.startTime = startTime
        self.endTime = endTime
        self.status = status
        self.resumes = resumes
    }

    /// Collects provenance for a run of the spec at `specURL` starting now.
    ///
    /// Git state comes from the repository that contains the spec (not the working directory);
    /// outside a repository, or without `git`, the commit is `"unknown"` and `gitDirty` is `nil`.
    public static func collect(specURL: URL, blasThreads: Int, threads: Int,
                               commandLine: [String] = CommandLine.arguments, startTime: Date = Date()) -> Provenance {
        let specFolder = specURL.standardizedFileURL.deletingLastPathComponent()
        let git = SystemInfo.gitState(in: specFolder)
        return Provenance(gitCommit: git.commit, gitDirty: git.dirty, swiftVersion: SystemInfo.swiftVersion(),
                          operatingSystem: SystemInfo.operatingSystem(), host: ProcessInfo.processInfo.hostName,
                          blasThreads: blasThreads, threads: threads, commandLine: commandLine,
                          workingDirectory: FileManager.default.currentDirectoryPath, startTime: startTime)
    }

    enum CodingKeys: String, CodingKey {
        case gitCommit = "git_commit", gitDirty = "git_dirty", swiftVersion = "swift_version"
        case operatingSystem = "os", host, processID = "pid", cpuModel = "cpu_model", blasKernels = "blas_kernels", blasLibrary = "blas_library", blasThreads = "blas_threads", threads
        case commandLine = "command_line", workingDirectory = "working_directory"
        case startTime = "start_time", endTime = "end_time", status, resumes
        case peakResidentBytes = "peak_resident_bytes", stages, pretrainedWeights = "pretrained_weights"
    }

    /// Pretty-printed JSON with sorted keys and ISO 8601 dates.
    func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Decodes the JSON written by `jsonData()`.
    init(jsonData: Data) throws {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        self = try decoder.decode(Provenance.self, from: jsonData)
    }
}
