/// Training produced a non-finite loss term or gradient: the run stops at that step instead of completing with NaN.
///
/// The parameters are not updated with the bad step, and no checkpoint is written after it, so `checkpoint.h5`
/// keeps the last good state. The description names the model, the step, the term and what to try:
/// `training crossflows diverged at step 12: loss_point is nan (learning rate 1e+06); ...`.
public struct TrainingDivergedError: Error, CustomStringConvertible {
    /// The model being trained.
    public let model: String
    /// The step (from 1) whose loss or gradient was not finite.
    public let step: Int
    /// The loss term (`loss`, `loss_<modality>`) or `gradient_norm`.
    public let term: String
    /// The offending value (NaN or an infinity).
    public let value: Double
    /// The learning rate at that step.
    public let learningRate: Double

    public var description: String {
        "training \(model) diverged at step \(step): \(term) is \(value) (learning rate \(learningRate)); "
            + "the parameters were not updated with it and checkpoint.h5 keeps the last good state. "
            + "Lower train.optimizer.lr, set train.grad_clip, or check the data, then start a new run"
    }
}
