import Foundation

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

/// The same learning rate at every step.
public struct ConstantSchedule: LearningRateSchedule {
    /// The learning rate.
    public let value: Double

    /// A schedule that always returns `value`.
    public init(_ value: Double) { self.value = value }

    public func learningRate(at step: Int) -> Double { value }
}

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

/// Linear warm-up to `peak`, then cosine decay to `final` at `totalSteps` (held at `final` after).
///
/// After warm-up, with progress `p = (step - warmupSteps) / (totalSteps - warmupSteps)` clamped to [0, 1]:
/// `final + (peak - final) · (1 + cos(π p)) / 2`.
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
