/// A learning rate as a function of the optimizer step (0 for the first step).
///
/// ```swift
/// let schedule = CosineSchedule(peak: 1e-3, final: 1e-5, totalSteps: 10_000, warmupSteps: 500)
/// optimizer.learningRate = schedule.learningRate(at: step)
/// optimizer.step()
/// ```
public protocol LearningRateSchedule: Sendable {
    /// The learning rate for step `step` (0-based).
    func learningRate(at step: Int) -> Double
}
