extension TrainSpec {
    /// The error of a schedule that cannot run with these steps (cosine warmup as long as training), else nil.
    ///
    /// `trainNode` is the spec's `train` mapping, to locate the error.
    func scheduleProblem(in trainNode: SpecNode?) -> SpecError? {
        guard schedule.name == .cosine, schedule.warmupSteps >= steps else { return nil }
        let scheduleNode = trainNode?["schedule"]
        return SpecError(location: scheduleNode?["warmup_steps"]?.location ?? scheduleNode?.location ?? .generated,
                         keyPath: "train.schedule.warmup_steps",
                         message: "the cosine schedule needs warmup_steps (\(schedule.warmupSteps)) < train.steps (\(steps))")
    }
}
