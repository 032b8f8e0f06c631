import CBLAS
import Dispatch
import Foundation

/// The number of threads FlowLab's kernels and BLAS use.
public enum ComputeThreads {
    nonisolated(unsafe) private static var current: Int = {
        if let text = ProcessInfo.processInfo.environment["FLOWLAB_THREADS"], let value = Int(text), value > 0 {
            return value
        }
        return ProcessInfo.processInfo.activeProcessorCount
    }()
    // Written only through `set(_:)`, at start-up, before any kernel runs; read-only afterwards.

    /// The thread count in use (defaults to `FLOWLAB_THREADS` or the number of active cores).
    public static var count: Int { current }

    /// Sets the thread count for FlowLab's kernels and for OpenBLAS. Call before any computation starts.
    public static func set(_ threads: Int) {
        precondition(threads > 0, "thread count must be positive")
        current = threads
        openblas_set_num_threads(Int32(threads))
    }

    /// The thread count OpenBLAS reports.
    public static var blasThreads: Int { Int(openblas_get_num_threads()) }
}

/// Runs `body` over `0..<count` split into contiguous chunks, in parallel when the work is large.
///
/// Chunks are deterministic for a given thread count, and every index is visited exactly once.
/// `minimumChunk` is the smallest amount of work worth handing to a thread.
@inline(__always)
func parallelFor(_ count: Int, minimumChunk: Int = 16_384, _ body: @Sendable (Range<Int>) -> Void) {
    let threads = ComputeThreads.count
    if threads <= 1 || count < 2 * minimumChunk {
        if count > 0 { body(0..<count) }
        return
    }
    let chunks = min(threads, (count + minimumChunk - 1) / minimumChunk)
    let chunkSize = (count + chunks - 1) / chunks
    DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
        let start = chunk * chunkSize
        let end = min(count, start + chunkSize)
        if start < end { body(start..<end) }
    }
}
