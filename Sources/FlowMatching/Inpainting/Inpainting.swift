import FlowTensor

/// Inpainting with cross-guidance (CrossFlows App. C.2), as a solver-level procedure:
/// 1. the modified image `I~_1` (a region cut out) is given with its caption `C_1`;
/// 2. the continuous ODE is solved backwards from t = 1 to t = 0, the model seeing the caption held fixed,
///    to get the noise `I~_0` that reaches the modified image;
/// 3. the joint flow is solved forwards from `(I~_0, C_1)` with cross-guidance: the caption evolves too,
///    which pulls the out-of-distribution image back towards the data.
public struct Inpainting: Sendable {
    /// The rule of the backward (inversion) solve.
    public let inversionMethod: ODEMethod
    /// The number of backward steps.
    public let inversionSteps: Int
    /// The forward joint solver.
    public let solver: MultimodalSolver

    /// An inpainting procedure.
    public init(inversionMethod: ODEMethod = .euler, inversionSteps: Int, solver: MultimodalSolver) {
        precondition(inversionSteps > 0, "Inpainting: inversionSteps must be positive")
        self.inversionMethod = inversionMethod
        self.inversionSteps = inversionSteps
        self.solver = solver
    }

    /// Step 2: the source noise `I~_0` whose forward solve (with the caption held) reaches `image`.
    public func invert(image: Tensor, caption: DiscreteState, model: some JointModel) -> Tensor {
        let batch = image.shape[0]
        let velocity: VelocityModel = { x, t in
            model(continuous: x, discrete: caption, t: t, conditionDropped: Array(repeating: false, count: batch)).velocity
        }
        return ODESolver(method: inversionMethod).sample(
            start: image, timeGrid: TimeGrid.uniform(steps: inversionSteps, from: 1, to: 0), velocity: velocity)
    }

    /// Steps 2 and 3: the inpainted image and the evolved caption.
    public func run(image: Tensor, caption: DiscreteState, model: some JointModel,
                    generator: inout RandomGenerator) -> JointState {
        let noise = invert(image: image, caption: caption, model: model)
        return solver.sample(start: JointState(continuous: noise, discrete: caption), frozen: .none,
                             model: model, generator: &generator)
    }
}
