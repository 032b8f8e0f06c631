import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The self-pipe that carries signals out of the C signal handler into ordinary code.
///
/// A signal handler may only do async-signal-safe work, so it writes the signal number as one
/// byte to a pipe; a dispatch read source drains the pipe and hands each signal to the installed
/// `StopSignal`. (libdispatch signal sources cannot be used: on Linux they miss ignored signals.)
enum SignalPipe {
    /// The pipe's write end, read by the signal handler. Set once, under `lock`, before the first
    /// handler is installed and never changed, so the handler's unsynchronised read is safe.
    nonisolated(unsafe) private static var writeDescriptor: Int32 = -1
    /// The dispatch source reading the pipe; written once under `lock`.
    nonisolated(unsafe) private static var readSource: DispatchSourceRead?
    /// The `StopSignal` receiving signals; only touched under `lock`.
    nonisolated(unsafe) private static var receiver: StopSignal?
    private static let lock = NSLock()

    /// Routes `signals` to `stop` (replacing any previous receiver) through the pipe.
    static func route(_ signals: [Int32], to stop: StopSignal) {
        lock.lock()
        defer { lock.unlock() }
        openPipeIfNeeded()
        receiver = stop
        for number in signals {
            signal(number, { number in
                let savedError = errno
                var byte = UInt8(truncatingIfNeeded: number)
                _ = write(SignalPipe.writeDescriptor, &byte, 1)
                errno = savedError
            })
        }
    }

    /// Restores the default action of `signals` and detaches `stop` if it is the current receiver.
    static func unroute(_ signals: [Int32], from stop: StopSignal) {
        lock.lock()
        defer { lock.unlock() }
        for number in signals { signal(number, SIG_DFL) }
        if receiver === stop { receiver = nil }
    }

    private static func openPipeIfNeeded() {
        guard writeDescriptor < 0 else { return }
        var descriptors: [Int32] = [-1, -1]
        guard pipe(&descriptors) == 0 else {
            fatalError("cannot create the signal pipe: \(String(cString: strerror(errno)))")
        }
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        let readDescriptor = descriptors[0]
        let source = DispatchSource.makeReadSource(fileDescriptor: readDescriptor, queue: DispatchQueue(label: "flowlab.signals"))
        source.setEventHandler {
            var buffer = [UInt8](repeating: 0, count: 64)
            while true {
                let count = read(readDescriptor, &buffer, buffer.count)
                guard count > 0 else { break }
                lock.lock()
                let current = receiver
                lock.unlock()
                for byte in buffer[0..<count] { current?.received(Int32(byte)) }
            }
        }
        source.resume()
        readSource = source
        writeDescriptor = descriptors[1]
    }
}
