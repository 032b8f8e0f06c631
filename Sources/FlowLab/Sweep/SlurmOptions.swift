/// Resources requested for each task of a Slurm job array; `nil` leaves the cluster's default.
public struct SlurmOptions: Sendable, Equatable {
    /// `--partition`.
    public var partition: String?
    /// `--time`, e.g. `02:00:00`.
    public var time: String?
    /// `--cpus-per-task`.
    public var cpusPerTask: Int?
    /// `--mem`, e.g. `8G`.
    public var memory: String?
    /// The most tasks running at once (`--array=0-(n-1)%limit`); `nil` for no limit.
    public var parallelLimit: Int?

    /// Creates the options.
    public init(partition: String? = nil, time: String? = nil, cpusPerTask: Int? = nil, memory: String? = nil, parallelLimit: Int? = nil) {
        self.partition = partition
        self.time = time
        self.cpusPerTask = cpusPerTask
        self.memory = memory
        self.parallelLimit = parallelLimit
    }
}
