/// Whether operations record the graph that `backward()` needs.
///
/// Sampling and evaluation run under `withNoGradient`, which skips the bookkeeping entirely.
public enum GradientMode {
    // Training and sampling drive the tape from one thread; kernels parallelise inside an op,
    // never across ops, so a process-wide flag is enough.
    nonisolated(unsafe) private static var enabled = true

    /// Whether new operations are recorded.
    public static var isEnabled: Bool { enabled }

    /// Runs `body` without recording operations (PyTorch's `torch.no_grad()`).
    public static func withNoGradient<R>(_ body: () throws -> R) rethrows -> R {
        let previous = enabled
        enabled = false
        defer { enabled = previous }
        return try body()
    }

    /// Runs `body` with recording switched on, even inside `withNoGradient` (for gradients taken while
    /// sampling, e.g. the divergence of a velocity field in likelihood computations).
    public static func withGradient<R>(_ body: () throws -> R) rethrows -> R {
        let previous = enabled
        enabled = true
        defer { enabled = previous }
        return try body()
    }
}

/// Runs `body` without recording operations for autodiff.
public func withNoGradient<R>(_ body: () throws -> R) rethrows -> R {
    try GradientMode.withNoGradient(body)
}
