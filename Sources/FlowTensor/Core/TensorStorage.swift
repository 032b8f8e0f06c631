import Foundation

/// A contiguous, 64-byte aligned block of tensor elements, freed when the last tensor using it goes away.
final class TensorStorage: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let byteCount: Int

    /// Allocates `byteCount` bytes, zero-filled when `zeroed` is true.
    init(byteCount: Int, zeroed: Bool) {
        var raw: UnsafeMutableRawPointer?
        let size = max(byteCount, 64)
        guard posix_memalign(&raw, 64, size) == 0, let raw else {
            fatalError("TensorStorage: cannot allocate \(byteCount) bytes")
        }
        if zeroed { memset(raw, 0, size) }
        self.pointer = raw
        self.byteCount = byteCount
    }

    deinit { free(pointer) }
}

/// A pointer that may be captured by the worker closures of `parallelFor`; each worker touches a disjoint range.
struct SendablePointer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
    init(_ base: UnsafePointer<Element>) { self.base = UnsafeMutablePointer(mutating: base) }
}
