/// The same learning rate at every step.
public struct ConstantSchedule: LearningRateSchedule {
    /// The learning rate.
    public let value: Double

    /// A schedule that always returns `value`.
    public init(_ value: Double) { self.value = value }

    public func learningRate(at step: Int) -> Double { value }
}
