import Foundation

/// Linear warm-up to `peak`, then cosine decay to `final` at `totalSteps` (held at `final` after).
///
/// Warm-up as `LinearWarmupSchedule`; after it, with progress `p = (step - warmupSteps) / (totalSteps - warmupSteps)`
/// clamped to [0, 1]: `final + (peak - final) · (1 + cos(π p)) / 2`.
public struct CosineSchedule: LearningRateSchedule {
    /// The learning rate at the end of warm-up.
    public let peak: Double
    /// The learning rate at `totalSteps` and after.
    public let final: Double
    /// The step at which the decay reaches `final`.
    public let totalSteps: Int
    /// The number of linear warm-up steps (0 for none).
    public let warmupSteps: Int

    /// A cosine decay from `peak` to `final` over `totalSteps`, after `warmupSteps` of linear warm-up.
    public init(peak: Double, final: Double = 0, totalSteps: Int, warmupSteps: Int = 0) {
        precondition(warmupSteps >= 0 && totalSteps > warmupSteps, "cosine schedule needs totalSteps > warmupSteps >= 0")
        self.peak = peak
        self.final = final
        self.totalSteps = totalSteps
        self.warmupSteps = warmupSteps
    }

    public func learningRate(at step: Int) -> Double {
        if step < warmupSteps { return peak * Double(step + 1) / Double(warmupSteps) }
        let progress = min(1, Double(step - warmupSteps) / Double(totalSteps - warmupSteps))
        return final + (peak - final) * 0.5 * (1 + Foundation.cos(Double.pi * progress))
    }
}
