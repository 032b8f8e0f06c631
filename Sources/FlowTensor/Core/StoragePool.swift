import Foundation

/// A bounded cache of freed large tensor blocks, reused by later tensors of the same size.
///
/// Training allocates the same activation and gradient shapes every step; fresh large blocks come from
/// `mmap` and cost a page fault and a page clear per 4 KiB on first touch. Blocks of at least `minimumBytes`
/// are kept here on release (up to `capacityBytes` in all) and handed out again for the same rounded size.
final class StoragePool: @unchecked Sendable {
    /// The process-wide pool (its state is guarded by `lock`).
    static let shared = StoragePool()

    /// Blocks smaller than this go straight back to `malloc`, which already recycles them cheaply.
    let minimumBytes = 1 << 16
    /// The most bytes kept for reuse at once.
    let capacityBytes = 256 << 20

    private let lock = NSLock()
    private var blocks: [Int: [UnsafeMutableRawPointer]] = [:]
    private var cachedBytes = 0

    /// The size a block of `byteCount` bytes is allocated with (rounded up to whole pages when pooled).
    func roundedSize(_ byteCount: Int) -> Int {
        byteCount < minimumBytes ? Swift.max(byteCount, 64) : (byteCount + 4_095) & ~4_095
    }

    /// A cached block of exactly `size` bytes, or nil.
    func take(size: Int) -> UnsafeMutableRawPointer? {
        guard size >= minimumBytes else { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let block = blocks[size]?.popLast() else { return nil }
        cachedBytes -= size
        return block
    }

    /// Keeps `block` of `size` bytes for reuse, or frees it when the pool is full or the block is small.
    func give(_ block: UnsafeMutableRawPointer, size: Int) {
        if size >= minimumBytes {
            lock.lock()
            if cachedBytes + size <= capacityBytes {
                blocks[size, default: []].append(block)
                cachedBytes += size
                lock.unlock()
                return
            }
            lock.unlock()
        }
        free(block)
    }
}
