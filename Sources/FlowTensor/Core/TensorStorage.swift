import Foundation

/// A contiguous, 64-byte aligned block of tensor elements, released when the last tensor using it goes away
/// (large blocks go back to `StoragePool` for reuse).
final class TensorStorage: @unchecked Sendable {
    let pointer: UnsafeMutableRawPointer
    let byteCount: Int
    private let allocatedBytes: Int

    /// Allocates `byteCount` bytes, zero-filled when `zeroed` is true.
    init(byteCount: Int, zeroed: Bool) {
        let size = StoragePool.shared.roundedSize(byteCount)
        if let cached = StoragePool.shared.take(size: size) {
            pointer = cached
        } else {
            var raw: UnsafeMutableRawPointer?
            guard posix_memalign(&raw, 64, size) == 0, let raw else {
                fatalError("TensorStorage: cannot allocate \(byteCount) bytes")
            }
            pointer = raw
        }
        if zeroed { memset(pointer, 0, size) }
        self.byteCount = byteCount
        self.allocatedBytes = size
    }

    deinit { StoragePool.shared.give(pointer, size: allocatedBytes) }
}

/// A pointer that may be captured by the worker closures of `parallelFor`; each worker touches a disjoint range.
struct SendablePointer<Element>: @unchecked Sendable {
    let base: UnsafeMutablePointer<Element>
    init(_ base: UnsafeMutablePointer<Element>) { self.base = base }
    init(_ base: UnsafePointer<Element>) { self.base = UnsafeMutablePointer(mutating: base) }
}
