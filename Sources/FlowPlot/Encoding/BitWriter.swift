/// Packs variable-width codes least-significant-bit first into bytes, as DEFLATE (RFC 1951) requires.
struct BitWriter {
    /// The finished bytes.
    private(set) var bytes: [UInt8] = []
    /// Bits not yet flushed, the oldest in the lowest position.
    private var pending: UInt64 = 0
    /// How many bits of `pending` are in use.
    private var pendingCount = 0

    /// Creates a writer expecting about `capacity` output bytes.
    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the low `count` bits of `value` (at most 32), least significant first.
    @inline(__always)
    mutating func write(_ value: UInt32, count: Int) {
        pending |= UInt64(value) << UInt64(pendingCount)
        pendingCount += count
        while pendingCount >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: pending))
            pending >>= 8
            pendingCount -= 8
        }
    }

    /// Pads with zero bits up to the next byte boundary.
    mutating func alignToByte() {
        if pendingCount > 0 {
            write(0, count: 8 - pendingCount)
        }
    }

    /// Appends whole bytes; the writer must be byte-aligned.
    mutating func appendAligned(_ data: UnsafeBufferPointer<UInt8>) {
        precondition(pendingCount == 0, "BitWriter.appendAligned called mid-byte")
        bytes.append(contentsOf: data)
    }

    /// Flushes any partial byte and returns everything written.
    mutating func finish() -> [UInt8] {
        alignToByte()
        return bytes
    }
}
