/// The CRC-32 checksum (ISO-HDLC polynomial 0xEDB88320, reflected) used by PNG chunks.
struct CRC32 {
    /// The running register, pre- and post-inverted as the standard requires.
    private var register: UInt32 = 0xFFFF_FFFF

    /// The 256-entry lookup table for byte-at-a-time updates.
    private static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 {
            value = (value & 1) != 0 ? (0xEDB8_8320 ^ (value >> 1)) : (value >> 1)
        }
        return value
    }

    /// Folds `bytes` into the checksum.
    mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        var value = register
        Self.table.withUnsafeBufferPointer { table in
            for byte in bytes {
                value = table[Int((value ^ UInt32(byte)) & 0xFF)] ^ (value >> 8)
            }
        }
        register = value
    }

    /// The checksum of everything folded in so far.
    var value: UInt32 { register ^ 0xFFFF_FFFF }

    /// The checksum of `bytes` in one call.
    static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
