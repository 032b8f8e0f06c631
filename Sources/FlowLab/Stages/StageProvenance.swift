import Foundation

/// Where a cached stage came from: what it is, the key it is stored under, the code that trained it and how it did.
public struct StageProvenance: Codable, Sendable, Equatable {
    /// The kind of stage, e.g. `scene_reader`.
    public var kind: String
    /// The cache key (see `StageCache.key(kind:configuration:)`).
    public var key: String
    /// `FlowLabVersion.number` when the stage was trained.
    public var flowlabVersion: String
    /// The git commit of the working directory that trained it ("unknown" outside a repository).
    public var gitCommit: String
    /// Whether that working tree had uncommitted changes (nil when unknown).
    public var gitDirty: Bool?
    /// When it was stored.
    public var created: Date
    /// Seconds spent training (by the process that finished it, when training was interrupted and resumed).
    public var trainingSeconds: Double
    /// Optimizer steps trained, for a stage of a spec (`stages:`); nil for other kinds.
    public var steps: Int?
    /// Numbers measured on the finished stage (e.g. the reader's test exact-scene accuracy).
    public var metrics: [String: Double]

    public init(kind: String, key: String, gitCommit: String, gitDirty: Bool?, created: Date = Date(),
                trainingSeconds: Double, steps: Int? = nil, metrics: [String: Double]) {
        self.kind = kind
        self.key = key
        self.flowlabVersion = FlowLabVersion.number
        self.gitCommit = gitCommit
        self.gitDirty = gitDirty
        self.created = created
        self.trainingSeconds = trainingSeconds
        self.steps = steps
        self.metrics = metrics
    }

    /// Provenance of a stage trained now in the git repository containing the working directory.
    public static func now(kind: String, key: String, trainingSeconds: Double, steps: Int? = nil,
                           metrics: [String: Double]) -> StageProvenance {
        let git = SystemInfo.gitState(in: URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
        return StageProvenance(kind: kind, key: key, gitCommit: git.commit, gitDirty: git.dirty,
                               trainingSeconds: trainingSeconds, steps: steps, metrics: metrics)
    }

    enum CodingKeys: String, CodingKey {
        case kind, key, flowlabVersion = "flowlab_version", gitCommit = "git_commit", gitDirty = "git_dirty", created
        case trainingSeconds = "training_seconds", steps, metrics
    }
}
