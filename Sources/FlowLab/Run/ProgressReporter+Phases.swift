extension ProgressReporter {
    /// A reporter for phases with few, long steps (sampling and evaluating one configuration at a time): the same
    /// sink, clock and mode, except that in a pipe every step is printed (not every `plainEvery`-th).
    public func reportingEveryStep() -> ProgressReporter {
        guard case .plain = mode else { return self }
        return ProgressReporter(mode: .plain(every: 1), sink: sink, clock: clock)
    }
}
