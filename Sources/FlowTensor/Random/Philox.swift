/// The Philox4x32-10 counter-based generator (Salmon et al., 2011): a pure function from
/// (key, counter) to four 32-bit words, so any element of a stream can be computed independently.
enum Philox {
    @inline(__always)
    static func block(key: (UInt32, UInt32), counter: (UInt32, UInt32, UInt32, UInt32)) -> (UInt32, UInt32, UInt32, UInt32) {
        var (c0, c1, c2, c3) = counter
        var (k0, k1) = key
        for _ in 0..<10 {
            let product0 = UInt64(0xD251_1F53) &* UInt64(c0)
            let product1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
            let (hi0, lo0) = (UInt32(truncatingIfNeeded: product0 >> 32), UInt32(truncatingIfNeeded: product0))
            let (hi1, lo1) = (UInt32(truncatingIfNeeded: product1 >> 32), UInt32(truncatingIfNeeded: product1))
            (c0, c1, c2, c3) = (hi1 ^ c1 ^ k0, lo1, hi0 ^ c3 ^ k1, lo0)
            k0 = k0 &+ 0x9E37_79B9
            k1 = k1 &+ 0xBB67_AE85
        }
        return (c0, c1, c2, c3)
    }
}
