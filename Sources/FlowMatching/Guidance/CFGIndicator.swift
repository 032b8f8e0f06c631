import FlowTensor

/// The CFG indicator of CrossFlow / FlowTok, where the condition (text) *is* the source of the flow and
/// cannot simply be dropped.
///
/// In training, each row is flagged "null" with probability p; flagged rows have their targets permuted
/// among themselves (a cyclic shift, so no row keeps its own target), which breaks the pairing between
/// source and target. A single flagged row cannot be shuffled and is unflagged. The flag reaches the model
/// as a 2-entry embedding. At sampling, `v = v(null) + s (v(cond) - v(null))` (`ClassifierFreeGuidance`
/// with scale s; FlowTok's default is 2).
public struct CFGIndicator: Sendable, Equatable {
    /// The probability that a row is flagged (0.1).
    public let probability: Double

    /// An indicator with the given flag probability.
    public init(probability: Double = 0.1) {
        precondition((0...1).contains(probability), "CFGIndicator: probability \(probability) outside [0, 1]")
        self.probability = probability
    }

    /// The flags and, per row, the index of the row whose target it trains on.
    public func sample(batchSize: Int, generator: inout RandomGenerator) -> CFGIndicatorAssignment {
        var flags = generator.uniform(batchSize).map { $0 < probability }
        let flagged = flags.indices.filter { flags[$0] }
        var targets = Array(0..<batchSize)
        if flagged.count == 1 {
            flags[flagged[0]] = false
        } else if flagged.count > 1 {
            for (position, row) in flagged.enumerated() { targets[row] = flagged[(position + 1) % flagged.count] }
        }
        return CFGIndicatorAssignment(isNull: flags, targetRows: targets)
    }
}

/// A batch's CFG-indicator assignment.
public struct CFGIndicatorAssignment: Equatable, Sendable {
    /// `true` for rows flagged "null" (indicator embedding 1), `false` otherwise (embedding 0).
    public let isNull: [Bool]
    /// For each row, the row whose target it is trained towards (itself unless flagged).
    public let targetRows: [Int]

    /// An assignment given as values (flags and target rows of the same count).
    public init(isNull: [Bool], targetRows: [Int]) {
        precondition(isNull.count == targetRows.count, "CFGIndicatorAssignment: \(isNull.count) flags, \(targetRows.count) target rows")
        self.isNull = isNull
        self.targetRows = targetRows
    }
}
