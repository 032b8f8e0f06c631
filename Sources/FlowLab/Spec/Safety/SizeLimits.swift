/// The largest sizes a spec may ask for, checked while the spec is decoded: before any folder or tensor exists.
///
/// A typo such as `cells_per_side: 1000000` or `eval.samples: 2e9` would otherwise abort on allocation after the
/// run folder was created. Each limit is far above what the engine's experiments use (shown in brackets), and
/// ``ResourceEstimate`` checks the combination of sizes against the machine's memory.
public enum SizeLimits {
    /// `data.cells_per_side` of the grid labelling [100].
    public static let cellsPerSide = 4_096
    /// `data.modes` of the Gaussian mixture [6].
    public static let modes = 10_000
    /// `model.hidden_width`, `time_features` and `token_features` [256, 64, 64].
    public static let width = 16_384
    /// `model.depth` [3].
    public static let depth = 256
    /// `train.batch_size` [512].
    public static let batchSize = 1_048_576
    /// `eval.samples` [20,000].
    public static let evaluationSamples = 10_000_000
    /// `sample.steps` [50].
    public static let sampleSteps = 100_000
}
