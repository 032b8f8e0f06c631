import FlowMatching

/// The last joint prediction of a sampling loop, returned again after a stop request instead of running the model.
final class PredictionCache: @unchecked Sendable {
    var value: JointPrediction?
}
