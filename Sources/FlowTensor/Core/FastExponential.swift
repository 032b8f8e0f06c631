/// An exponential that the compiler can vectorise: Cephes' `expf` polynomial after range reduction
/// `x = n ln2 + r`, with `2^n` built from the exponent bits. Relative error below 2e-7 on the clamped range.
@inline(__always)
func vectorizableExp(_ x: Float) -> Float {
    let clamped = Swift.min(Swift.max(x, -87.3), 88.3)
    let shifted = clamped * 1.442_695_04 + 12_582_912  // + 1.5·2^23: the low mantissa bits now hold round(x log2 e)
    let integer = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000
    let n = shifted - 12_582_912
    let r = clamped - n * 0.693_359_375 + n * 2.121_944_4e-4
    var p: Float = 1.987_569_15e-4
    p = p * r + 1.398_199_95e-3
    p = p * r + 8.333_451_9e-3
    p = p * r + 4.166_579_59e-2
    p = p * r + 1.666_666_55e-1
    p = p * r + 5.000_000_12e-1
    let polynomial = p * r * r + r + 1
    let scale = Float(bitPattern: UInt32(bitPattern: (integer &+ 127) &<< 23))
    return polynomial * scale
}

extension Float {
    /// e^x through the vectorisable approximation.
    @inline(__always) public static func fastExp(_ x: Float) -> Float { vectorizableExp(x) }
}

extension Double {
    /// e^x through the platform's `exp` (Float64 work needs full precision more than speed).
    @inline(__always) public static func fastExp(_ x: Double) -> Double { .exp(x) }
}
