/// Draws subsets of row indices without replacement from a seeded SplitMix64 stream.
///
/// Deterministic for a given seed on every platform. It does not reproduce NumPy's `RandomState`
/// stream (Mersenne Twister + `choice`), so KID from a seed matches torch-fidelity only in distribution;
/// exact parity uses explicit subset indices (`KernelInceptionDistance.compute(real:fake:subsets:)`).
struct SeededSubsetSampler {
    private var state: UInt64

    /// Creates a sampler whose stream is fixed by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// Returns the next 64 random bits (SplitMix64).
    mutating func nextBits() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// Returns a uniform integer in `0..<bound` (rejection sampling, no modulo bias).
    mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "SeededSubsetSampler: empty range")
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit
        while true {
            let bits = nextBits()
            let (high, low) = limit.multipliedFullWidth(by: bits)
            if low >= threshold { return Int(high) }
        }
    }

    /// Returns `count` distinct indices from `0..<population`, in draw order (partial Fisher-Yates).
    mutating func subset(of population: Int, count: Int) -> [Int] {
        precondition(count <= population, "SeededSubsetSampler: subset larger than population")
        var pool = Array(0..<population)
        for position in 0..<count {
            let pick = position + nextIndex(below: population - position)
            pool.swapAt(position, pick)
        }
        return Array(pool[0..<count])
    }
}
