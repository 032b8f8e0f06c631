import FlowTensor

/// Drops the condition of each training sample with a fixed probability, so one model learns both the
/// conditional and the unconditional field that classifier-free guidance combines.
public struct ConditionDropout: Sendable, Equatable {
    /// The probability that a row's condition is dropped (0.1 typical).
    public let probability: Double

    /// Dropout with the given probability.
    public init(probability: Double) {
        precondition((0...1).contains(probability), "ConditionDropout: probability \(probability) outside [0, 1]")
        self.probability = probability
    }

    /// One flag per row: `true` where the condition is dropped.
    public func sample(batchSize: Int, generator: inout RandomGenerator) -> [Bool] {
        generator.uniform(batchSize).map { $0 < probability }
    }

    /// `labels` with dropped rows replaced by `nullLabel` (the extra "no condition" class).
    public func apply(labels: [Int], nullLabel: Int, generator: inout RandomGenerator) -> [Int] {
        zip(labels, sample(batchSize: labels.count, generator: &generator)).map { $1 ? nullLabel : $0 }
    }
}
