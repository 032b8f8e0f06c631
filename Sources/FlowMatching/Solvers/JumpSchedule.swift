import FlowTensor

/// Per-token jump times `T_d = kappa_inverse(U_d)` of a mixture path, consumed step by step on a grid.
struct JumpSchedule {
    /// One jump time per token (row-major over the batch).
    let times: [Double]

    init(path: MixtureDiscreteProbabilityPath, count: Int, generator: inout RandomGenerator) {
        times = path.scheduler.kappaInverse(Tensor(shape: [count], scalars: generator.uniform(count))).doubles
    }

    /// Resamples, from the posterior, exactly the tokens whose jump time lies in `[start, end)`.
    func step(_ state: DiscreteState, logits: Tensor, from start: Double, to end: Double,
              generator: inout RandomGenerator) -> DiscreteState {
        let (posterior, vocabulary) = posteriorRows(logits, state: state, caller: "MultimodalSolver (jump schedule)")
        let due = times.indices.filter { times[$0] >= start && times[$0] < end }
        if due.isEmpty { return state }
        let rows = due.flatMap { posterior[($0 * vocabulary)..<(($0 + 1) * vocabulary)] }
        var result = state
        for (position, token) in zip(due, generator.categorical(rows: rows, classes: vocabulary)) {
            result.tokens[position] = token
        }
        return result
    }
}
