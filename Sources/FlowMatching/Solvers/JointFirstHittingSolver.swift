import FlowTensor

/// The event-driven joint sampler: the first-hitting schedule of the discrete state, with the continuous
/// state integrated between events.
///
/// Every token d of row b gets a jump time `T_bd = kappa_inverse(U_bd)`; sorted, they cut [0, 1] into
/// `L + 1` segments per row. Each segment is crossed with `stepsPerSegment` Euler steps of the continuous
/// state (each row at its own times and step size), one model call per step seeing both current states.
/// The call at the start of segment k > 0 happens at the k-th event time: its logits resample that event's
/// token (and only it) from the posterior, its velocity makes the segment's first continuous step.
/// Classifier-free guidance, when set, acts on the continuous velocity only. Like `FirstHittingSampler`,
/// exact only for a mask source.
public struct JointFirstHittingSolver: Sendable {
    /// The mixture path of the discrete modality.
    public let discretePath: MixtureDiscreteProbabilityPath
    /// Euler steps of the continuous state between consecutive events.
    public let stepsPerSegment: Int
    /// Classifier-free guidance on the continuous velocity; nil for none.
    public let guidance: ClassifierFreeGuidance?

    /// A joint first-hitting solver.
    public init(discretePath: MixtureDiscreteProbabilityPath, stepsPerSegment: Int, guidanceScale: Double? = nil) {
        precondition(stepsPerSegment > 0, "JointFirstHittingSolver: stepsPerSegment must be positive")
        self.discretePath = discretePath
        self.stepsPerSegment = stepsPerSegment
        self.guidance = guidanceScale.map(ClassifierFreeGuidance.init(scale:))
    }

    /// Solves from `start` at t = 0 to t = 1.
    public func sample(start: JointState, model: some JointModel, generator: inout RandomGenerator) -> JointState {
        let (batch, length) = (start.discrete.batchSize, start.discrete.tokensPerRow)
        let dtype = start.continuous.dtype
        let jumpTimes = discretePath.scheduler.kappaInverse(
            Tensor(shape: [batch * length], scalars: generator.uniform(batch * length))).doubles
        var order: [[Int]] = []
        var boundaries: [[Double]] = []   // per row: 0, sorted event times, 1
        for row in 0..<batch {
            let rowOrder = (0..<length).sorted { jumpTimes[row * length + $0] < jumpTimes[row * length + $1] }
            order.append(rowOrder)
            boundaries.append([0] + rowOrder.map { jumpTimes[row * length + $0] } + [1])
        }
        let keep = Array(repeating: false, count: batch), drop = Array(repeating: true, count: batch)
        let spatialOnes = Array(repeating: 1, count: start.continuous.rank - 1)

        return withNoGradient {
            var continuous = start.continuous
            var discrete = start.discrete
            for segment in 0...length {
                let steps = (0..<batch).map { (boundaries[$0][segment + 1] - boundaries[$0][segment]) / Double(stepsPerSegment) }
                for substep in 0..<stepsPerSegment {
                    let times = (0..<batch).map { boundaries[$0][segment] + Double(substep) * steps[$0] }
                    let t = Tensor(shape: [batch], scalars: times).converted(to: dtype)
                    let prediction = model(continuous: continuous, discrete: discrete, t: t, conditionDropped: keep)
                    var velocity = prediction.velocity
                    if let guidance, guidance.scale != 1 {
                        let unconditional = model(continuous: continuous, discrete: discrete, t: t, conditionDropped: drop).velocity
                        velocity = guidance.combine(conditional: velocity, unconditional: unconditional)
                    }
                    if substep == 0 && segment > 0 {
                        let (posterior, vocabulary) = posteriorRows(prediction.logits, state: discrete, caller: "JointFirstHittingSolver")
                        let positions = (0..<batch).map { $0 * length + order[$0][segment - 1] }
                        let rows = positions.flatMap { posterior[($0 * vocabulary)..<(($0 + 1) * vocabulary)] }
                        for (position, token) in zip(positions, generator.categorical(rows: rows, classes: vocabulary)) {
                            discrete.tokens[position] = token
                        }
                    }
                    let stepSizes = Tensor(shape: [batch] + spatialOnes, scalars: steps).converted(to: dtype)
                    continuous = continuous + velocity * stepSizes
                }
            }
            return JointState(continuous: continuous, discrete: discrete)
        }
    }
}
