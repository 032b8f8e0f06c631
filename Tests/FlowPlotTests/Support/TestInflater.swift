/// A minimal zlib/DEFLATE decoder (stored, fixed and dynamic Huffman blocks) used to check the encoder.
struct TestInflater {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let input: [UInt8]
    private var bytePosition = 0
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0
    private var output: [UInt8] = []

    /// Decodes a complete zlib stream, checking header and Adler-32.
    static func inflateZlib(_ stream: [UInt8]) throws -> [UInt8] {
        guard stream.count >= 6 else { throw Failure(description: "zlib stream too short") }
        guard stream[0] & 0x0F == 8, (UInt16(stream[0]) << 8 | UInt16(stream[1])) % 31 == 0 else {
            throw Failure(description: "bad zlib header \(stream[0]) \(stream[1])")
        }
        var inflater = TestInflater(input: Array(stream[2...]))
        let data = try inflater.inflate()
        let trailer = stream.suffix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        var low: UInt32 = 1
        var high: UInt32 = 0
        for byte in data {
            low = (low + UInt32(byte)) % 65_521
            high = (high + low) % 65_521
        }
        guard trailer == high << 16 | low else { throw Failure(description: "Adler-32 mismatch") }
        return data
    }

    private init(input: [UInt8]) {
        self.input = input
    }

    private mutating func bits(_ count: Int) throws -> Int {
        while bitCount < count {
            guard bytePosition < input.count else { throw Failure(description: "unexpected end of data") }
            bitBuffer |= UInt32(input[bytePosition]) << UInt32(bitCount)
            bytePosition += 1
            bitCount += 8
        }
        let value = Int(bitBuffer & ((1 << UInt32(count)) - 1))
        bitBuffer >>= UInt32(count)
        bitCount -= count
        return value
    }

    /// A canonical Huffman decoding table built from code lengths (as in zlib's puff.c).
    private struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        init(lengths: [Int]) {
            symbols = [Int](repeating: 0, count: lengths.count)
            for length in lengths { counts[length] += 1 }
            var offsets = [Int](repeating: 0, count: 16)
            for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
            for (symbol, length) in lengths.enumerated() where length != 0 {
                symbols[offsets[length]] = symbol
                offsets[length] += 1
            }
        }
    }

    private mutating func decode(_ table: Huffman) throws -> Int {
        var code = 0
        var first = 0
        var index = 0
        for length in 1...15 {
            code |= try bits(1)
            let count = table.counts[length]
            if code - count < first { return table.symbols[index + (code - first)] }
            index += count
            first += count
            first <<= 1
            code <<= 1
        }
        throw Failure(description: "invalid Huffman code")
    }

    private static let lengthBases = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    private static let distanceBases = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    private static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    private mutating func inflate() throws -> [UInt8] {
        var isFinal = false
        while !isFinal {
            isFinal = try bits(1) == 1
            switch try bits(2) {
            case 0: try storedBlock()
            case 1:
                let literal = Huffman(lengths: (0..<288).map { $0 < 144 ? 8 : $0 < 256 ? 9 : $0 < 280 ? 7 : 8 })
                let distance = Huffman(lengths: [Int](repeating: 5, count: 30))
                try codes(literal: literal, distance: distance)
            case 2: try dynamicBlock()
            default: throw Failure(description: "invalid block type 3")
            }
        }
        return output
    }

    private mutating func storedBlock() throws {
        bitBuffer = 0
        bitCount = 0
        guard bytePosition + 4 <= input.count else { throw Failure(description: "stored header truncated") }
        let length = Int(input[bytePosition]) | Int(input[bytePosition + 1]) << 8
        let complement = Int(input[bytePosition + 2]) | Int(input[bytePosition + 3]) << 8
        guard length == ~complement & 0xFFFF else { throw Failure(description: "stored length check failed") }
        bytePosition += 4
        guard bytePosition + length <= input.count else { throw Failure(description: "stored data truncated") }
        output += input[bytePosition..<(bytePosition + length)]
        bytePosition += length
    }

    private mutating func dynamicBlock() throws {
        let literalCount = try bits(5) + 257
        let distanceCount = try bits(5) + 1
        let codeCount = try bits(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeCount { codeLengths[order[index]] = try bits(3) }
        let lengthCode = Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(lengthCode)
            switch symbol {
            case 0..<16: lengths.append(symbol)
            case 16:
                guard let last = lengths.last else { throw Failure(description: "repeat with no previous length") }
                lengths += [Int](repeating: last, count: 3 + (try bits(2)))
            case 17: lengths += [Int](repeating: 0, count: 3 + (try bits(3)))
            default: lengths += [Int](repeating: 0, count: 11 + (try bits(7)))
            }
        }
        try codes(literal: Huffman(lengths: Array(lengths[0..<literalCount])), distance: Huffman(lengths: Array(lengths[literalCount...])))
    }

    private mutating func codes(literal: Huffman, distance: Huffman) throws {
        while true {
            let symbol = try decode(literal)
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let index = symbol - 257
                guard index < 29 else { throw Failure(description: "invalid length symbol \(symbol)") }
                let length = Self.lengthBases[index] + (try bits(Self.lengthExtra[index]))
                let distanceSymbol = try decode(distance)
                guard distanceSymbol < 30 else { throw Failure(description: "invalid distance symbol \(distanceSymbol)") }
                let offset = Self.distanceBases[distanceSymbol] + (try bits(Self.distanceExtra[distanceSymbol]))
                guard offset <= output.count else { throw Failure(description: "distance \(offset) beyond output \(output.count)") }
                for _ in 0..<length { output.append(output[output.count - offset]) }
            }
        }
    }
}
