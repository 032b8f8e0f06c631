#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
@preconcurrency import Darwin
#endif

/// The process's standard output stream.
enum StandardOutput {
    /// Makes standard output line-buffered, so progress lines appear as they happen also when redirected to a file or pipe
    /// (C's default there is full buffering, which would hold a sweep's lines back until it ends).
    static func makeLineBuffered() {
        setvbuf(stdout, nil, _IOLBF, 0)
    }
}
