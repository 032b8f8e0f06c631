/// Widening 16-bit floats (IEEE half and bfloat16) to `Float`, bit by bit (portable: no `Float16` needed).
enum HalfPrecision {
    /// An IEEE 754 binary16 value (1 sign, 5 exponent, 10 mantissa bits) as a `Float`, exactly.
    static func float(fromHalf bits: UInt16) -> Float {
        let sign: UInt32 = UInt32(bits & 0x8000) << 16
        let exponent = Int((bits >> 10) & 0x1F)
        let mantissa = UInt32(bits & 0x3FF)
        switch exponent {
        case 0:
            // Zero or subnormal: mantissa · 2^-24.
            let magnitude = Float(mantissa) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign == 0 ? magnitude : -magnitude
        case 0x1F:
            return Float(bitPattern: sign | 0x7F80_0000 | (mantissa << 13))
        default:
            return Float(bitPattern: sign | UInt32(exponent - 15 + 127) << 23 | (mantissa << 13))
        }
    }

    /// A bfloat16 value (the upper 16 bits of a `Float`) as a `Float`, exactly.
    static func float(fromBrain bits: UInt16) -> Float {
        Float(bitPattern: UInt32(bits) << 16)
    }
}
