import Foundation

/// One timed run: wall-clock milliseconds and the calling thread's CPU milliseconds.
///
/// On one thread the CPU time leaves out the time other processes held the core, so it is the steadier figure
/// on a shared machine; with more threads it misses the helpers' work and only the wall time compares.
struct BenchTiming {
    var wall: Double
    var cpu: Double

    /// Times `body`.
    static func measure(_ body: () -> Void) -> BenchTiming {
        let (wallStart, cpuStart) = (DispatchTime.now().uptimeNanoseconds, threadCPUMilliseconds())
        body()
        return BenchTiming(wall: Double(DispatchTime.now().uptimeNanoseconds - wallStart) / 1e6,
                           cpu: threadCPUMilliseconds() - cpuStart)
    }

    /// The calling thread's CPU time so far (`CLOCK_THREAD_CPUTIME_ID`), in milliseconds.
    static func threadCPUMilliseconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) * 1e3 + Double(time.tv_nsec) / 1e6
    }
}
