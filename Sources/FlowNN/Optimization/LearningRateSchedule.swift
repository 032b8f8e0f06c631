/// A learning rate as a function of the optimizer step (0 for the first step).
///
