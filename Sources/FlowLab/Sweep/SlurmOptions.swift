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

    /// Checks every value that goes into an `#SBATCH` line: no control characters (a line break would end the
    /// directive and start a shell command) and no whitespace (sbatch would split the value).
    ///
    /// - Throws: ``SweepError`` naming the option and showing the value escaped.
    public func check() throws {
        let values: [(String, String?)] = [("--partition", partition), ("--time", time), ("--mem", memory)]
        for (name, value) in values {
            guard let value else { continue }
            try Self.checkValue(value, name: name)
            if value.contains(where: \.isWhitespace) || value.isEmpty {
                throw SweepError("\(name) \(Self.escaped(value)): a Slurm value must be one non-empty word without spaces")
            }
        }
        if let cpusPerTask, cpusPerTask <= 0 { throw SweepError("--cpus-per-task must be positive, got \(cpusPerTask)") }
        if let parallelLimit, parallelLimit <= 0 { throw SweepError("--jobs must be positive, got \(parallelLimit)") }
    }

    /// Throws when `value` (written into launch.sbatch as `name`) holds a control character such as a line break.
    public static func checkValue(_ value: String, name: String) throws {
        if value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
            throw SweepError("\(name) \(escaped(value)) contains a control character (such as a line break), which would break out of launch.sbatch; refused")
        }
    }

    /// `value` quoted with control characters shown as escapes, for messages.
    static func escaped(_ value: String) -> String {
        "\"" + value.unicodeScalars.map { $0.properties.generalCategory == .control ? $0.escaped(asASCII: true) : String($0) }.joined() + "\""
    }
}
