/// A batch of token sequences: the state of a discrete flow.
///
/// Tokens are plain `Int`s (not a float tensor) because every discrete operation — path sampling,
/// categorical draws, jumps — indexes by token, and token ids must never pass through float rounding.
/// `shape` is `[B]` or `[B, L]` (or deeper); `tokens` holds `shape.reduce(1, *)` ids, row-major.
public struct DiscreteState: Equatable, Sendable {
    /// Token ids, row-major.
    public var tokens: [Int]
    /// The shape of the batch, batch first.
    public let shape: [Int]

    /// A state holding `tokens` laid out as `shape`.
    public init(tokens: [Int], shape: [Int]) {
        precondition(!shape.isEmpty && shape.reduce(1, *) == tokens.count,
                     "DiscreteState: shape \(shape) does not hold \(tokens.count) tokens")
        self.tokens = tokens
        self.shape = shape
    }

    /// A state of `shape` with every token equal to `token`.
    public init(repeating token: Int, shape: [Int]) {
        self.init(tokens: Array(repeating: token, count: shape.reduce(1, *)), shape: shape)
    }

    /// The number of sequences.
    public var batchSize: Int { shape[0] }
    /// The number of tokens per sequence.
    public var tokensPerRow: Int { tokens.count / shape[0] }

    /// The tokens of one sequence.
    public func row(_ index: Int) -> ArraySlice<Int> {
        tokens[(index * tokensPerRow)..<((index + 1) * tokensPerRow)]
    }

    /// Rows picked by `indices`, in that order.
    public func rows(_ indices: [Int]) -> DiscreteState {
        DiscreteState(tokens: indices.flatMap { row($0) }, shape: [indices.count] + shape.dropFirst())
    }
}
