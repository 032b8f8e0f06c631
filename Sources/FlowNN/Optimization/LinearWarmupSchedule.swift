/// A linear ramp to `peak` over `warmupSteps` steps, then constant: `peak · min(1, (step + 1) / warmupSteps)`.
public struct LinearWarmupSchedule: LearningRateSchedule {
    /// The learning rate after warm-up.
    public let peak: Double
    /// The number of warm-up steps (0 for none).
    public let warmupSteps: Int

    /// A ramp to `peak` over `warmupSteps` steps.
    public init(peak: Double, warmupSteps: Int) {
        precondition(warmupSteps >= 0, "warm-up steps must be non-negative")
        self.peak = peak
        self.warmupSteps = warmupSteps
    }

    public func learningRate(at step: Int) -> Double {
        step < warmupSteps ? peak * Double(step + 1) / Double(warmupSteps) : peak
    }
}
