/// The fixed Huffman code of DEFLATE block type 1 (RFC 1951 §3.2.6), pre-reversed for LSB-first output.
enum FixedHuffmanCodes {
    /// Bit-reversed code per literal/length symbol 0...287.
    static let literalCodes: [UInt32] = (0..<288).map { symbol in
        let (code, length) = canonicalLiteralCode(symbol)
        return reverse(code, length: length)
    }

    /// Code length per literal/length symbol 0...287.
    static let literalLengths: [Int] = (0..<288).map { canonicalLiteralCode($0).length }

    /// Bit-reversed 5-bit code per distance symbol 0...29.
    static let distanceCodes: [UInt32] = (0..<30).map { reverse(UInt32($0), length: 5) }

    /// Smallest match length of each length symbol 257...285.
    static let lengthBases: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
        35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
    ]
    /// Extra bits following each length symbol 257...285.
    static let lengthExtraBits: [Int] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
        3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    /// Smallest distance of each distance symbol 0...29.
    static let distanceBases: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193,
        257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
    ]
    /// Extra bits following each distance symbol 0...29.
    static let distanceExtraBits: [Int] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6,
        7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    /// Length symbol index (0-based from 257) for every match length 0...258; entries below 3 are unused.
    static let lengthSymbolIndex: [UInt8] = (0...258).map { length in
        guard length >= 3 else { return 0 }
        return UInt8(lengthBases.lastIndex { $0 <= length }!)
    }

    /// Distance symbol for every distance 0...32768; entry 0 is unused.
    static let distanceSymbol: [UInt8] = (0...32_768).map { distance in
        guard distance >= 1 else { return 0 }
        return UInt8(distanceBases.lastIndex { $0 <= distance }!)
    }

    /// The canonical (MSB-first) fixed code and its length for a literal/length symbol.
    private static func canonicalLiteralCode(_ symbol: Int) -> (code: UInt32, length: Int) {
        switch symbol {
        case 0...143: return (UInt32(0x30 + symbol), 8)
        case 144...255: return (UInt32(0x190 + symbol - 144), 9)
        case 256...279: return (UInt32(symbol - 256), 7)
        default: return (UInt32(0xC0 + symbol - 280), 8)
        }
    }

    /// `code` with its low `length` bits in reverse order.
    private static func reverse(_ code: UInt32, length: Int) -> UInt32 {
        var reversed: UInt32 = 0
        for bit in 0..<length where (code >> UInt32(bit)) & 1 != 0 {
            reversed |= 1 << UInt32(length - 1 - bit)
        }
        return reversed
    }
}
