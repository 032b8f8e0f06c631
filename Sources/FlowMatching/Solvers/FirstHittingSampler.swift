import FlowTensor

/// The jump-schedule ("first hitting") sampler the CrossFlows paper describes for its text flow.
///
/// On a mixture path every token d flips to its data value at a random time `T_d` with
/// `P(T_d <= t) = kappa_t`, so `T_d = kappa_inverse(U_d)`. The sampler draws these times, then processes
/// the events in time order: at event k of a row only that row's k-th token is resampled, from the model's
/// posterior at the event time; every other token is left unchanged. One model call per event index
/// (each row at its own time). Exact only for a mask source (see `DiscreteUpdateRule.jumpSchedule`).
public struct FirstHittingSampler: Sendable {
    /// The path the model was trained on.
    public let path: MixtureDiscreteProbabilityPath
    /// The element type of the time tensors handed to the model.
    public let timeDType: DType

    /// A sampler for `path`.
    public init(path: MixtureDiscreteProbabilityPath, timeDType: DType = .float32) {
        self.path = path
        self.timeDType = timeDType
    }

    /// The final state, after every token has had its event.
    public func sample(start: DiscreteState, model: DiscretePosteriorModel, generator: inout RandomGenerator) -> DiscreteState {
        trajectory(start: start, model: model, generator: &generator).states.last!
    }

    /// The start state and the state after each event index, with the event times `[B, L]` (row-major, sorted per row).
    public func trajectory(start: DiscreteState, model: DiscretePosteriorModel,
                           generator: inout RandomGenerator) -> (states: [DiscreteState], eventTimes: [Double]) {
        let (batch, length) = (start.batchSize, start.tokensPerRow)
        let jumpTimes = path.scheduler.kappaInverse(Tensor(shape: [batch * length], scalars: generator.uniform(batch * length))).doubles
        var order: [[Int]] = []
        var sortedTimes: [Double] = []
        for row in 0..<batch {
            let rowOrder = (0..<length).sorted { jumpTimes[row * length + $0] < jumpTimes[row * length + $1] }
            order.append(rowOrder)
            sortedTimes += rowOrder.map { jumpTimes[row * length + $0] }
        }
        return withNoGradient {
            var state = start
            var states = [start]
            for event in 0..<length {
                let times = (0..<batch).map { sortedTimes[$0 * length + event] }
                let logits = model(state, Tensor(shape: [batch], scalars: times).converted(to: timeDType))
                let (posterior, vocabulary) = posteriorRows(logits, state: state, caller: "FirstHittingSampler")
                let positions = (0..<batch).map { $0 * length + order[$0][event] }
                let rows = positions.flatMap { posterior[($0 * vocabulary)..<(($0 + 1) * vocabulary)] }
                let draws = generator.categorical(rows: rows, classes: vocabulary)
                for (position, token) in zip(positions, draws) { state.tokens[position] = token }
                states.append(state)
            }
            return (states, sortedTimes)
        }
    }
}
