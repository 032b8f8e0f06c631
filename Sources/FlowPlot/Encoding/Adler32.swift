/// The Adler-32 checksum that closes a zlib stream (RFC 1950).
enum Adler32 {
    /// The largest prime below 2^16.
    private static let modulus: UInt32 = 65_521
    /// The most bytes that can be summed before the 32-bit sums might overflow.
    private static let blockLength = 5_552

    /// The checksum of `bytes`.
    static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var low: UInt32 = 1
        var high: UInt32 = 0
        var start = 0
        while start < bytes.count {
            let end = min(start + blockLength, bytes.count)
            for index in start..<end {
                low &+= UInt32(bytes[index])
                high &+= low
            }
            low %= modulus
            high %= modulus
            start = end
        }
        return (high << 16) | low
    }

    /// The checksum of `bytes`.
    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { checksum($0) }
    }
}
