extension TrainSpec {
    /// The errors of these settings that decoding alone cannot see: a cosine warmup as long as training, and
    /// `grad_clip_per_flow` on a model that is not a joint `crossflows` model.
    ///
    /// `model` is the spec's model name (nil when it cannot be read: the model is not checked); `trainNode` is the
    /// spec's `train` mapping, to locate the errors.
    func problems(model: String?, in trainNode: SpecNode?) -> [SpecError] {
        var problems: [SpecError] = []
        if schedule.name == .cosine, schedule.warmupSteps >= steps {
            let scheduleNode = trainNode?["schedule"]
            problems.append(SpecError(location: scheduleNode?["warmup_steps"]?.location ?? scheduleNode?.location ?? .generated,
                                      keyPath: "train.schedule.warmup_steps",
                                      message: "the cosine schedule needs warmup_steps (\(schedule.warmupSteps)) < train.steps (\(steps))"))
        }
        if clipsEachFlow, let model, model != Self.jointModel {
            problems.append(SpecError(location: trainNode?["grad_clip_per_flow"]?.location ?? trainNode?.location ?? .generated,
                                      keyPath: "train.grad_clip_per_flow",
                                      message: "model '\(model)' has one flow; only '\(Self.jointModel)' has an image flow and a caption flow to clip apart"))
        }
        return problems
    }

    /// The model whose flows `grad_clip_per_flow` clips apart.
    static let jointModel = "crossflows"
}
