/// A zlib (RFC 1950) stream writer around a small DEFLATE (RFC 1951) encoder.
///
/// `.fixedHuffman` finds repeats with a hash-chain LZ77 search over the 32 KiB window and codes
/// them with the fixed Huffman table; `.stored` copies the input in uncompressed blocks.
struct ZlibCompressor {
    /// How the DEFLATE payload is coded.
    enum Method: Sendable {
        /// Uncompressed blocks of at most 65,535 bytes.
        case stored
        /// One fixed-Huffman block with LZ77 matches.
        case fixedHuffman
    }

    /// The coding method.
    var method: Method = .fixedHuffman
    /// How many earlier positions with the same 3-byte hash are tried per match search.
    var maximumChainLength = 48

    private static let windowSize = 32_768
    private static let minimumMatch = 3
    private static let maximumMatch = 258
    private static let hashBits = 15

    /// Compresses `input` into a complete zlib stream (header, DEFLATE data, Adler-32).
    func compress(_ input: [UInt8]) -> [UInt8] {
        input.withUnsafeBufferPointer { source in
            var writer = BitWriter(capacity: source.count / 8 + 64)
            // CMF: deflate, 32 KiB window; FLG: no dictionary, check bits so that CMF*256+FLG ≡ 0 (mod 31).
            writer.write(0x78, count: 8)
            writer.write(0x01, count: 8)
            switch method {
            case .stored: Self.writeStoredBlocks(source, into: &writer)
            case .fixedHuffman: writeFixedHuffmanBlock(source, into: &writer)
            }
            var bytes = writer.finish()
            let adler = Adler32.checksum(source)
            bytes.append(contentsOf: [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: adler >> UInt32($0)) })
            return bytes
        }
    }

    /// Writes `source` as stored blocks, the last one flagged final.
    private static func writeStoredBlocks(_ source: UnsafeBufferPointer<UInt8>, into writer: inout BitWriter) {
        var start = 0
        repeat {
            let length = min(65_535, source.count - start)
            let isFinal = start + length == source.count
            writer.write(isFinal ? 1 : 0, count: 3)  // BFINAL, BTYPE = 00
            writer.alignToByte()
            writer.write(UInt32(length), count: 16)
            writer.write(UInt32(~UInt16(length)), count: 16)
            writer.appendAligned(UnsafeBufferPointer(rebasing: source[start..<(start + length)]))
            start += length
        } while start < source.count
    }

    /// Writes `source` as a single final fixed-Huffman block using greedy hash-chain matching.
    private func writeFixedHuffmanBlock(_ source: UnsafeBufferPointer<UInt8>, into writer: inout BitWriter) {
        writer.write(0b011, count: 3)  // BFINAL = 1, BTYPE = 01
        let count = source.count
        let hashSize = 1 << Self.hashBits
        let windowMask = Self.windowSize - 1
        var head = [Int32](repeating: -1, count: hashSize)
        var previous = [Int32](repeating: -1, count: Self.windowSize)

        let literalCodes = FixedHuffmanCodes.literalCodes
        let literalLengths = FixedHuffmanCodes.literalLengths

        @inline(__always) func hash(_ position: Int) -> Int {
            let value = (UInt32(source[position]) << 16) | (UInt32(source[position + 1]) << 8) | UInt32(source[position + 2])
            return Int((value &* 2_654_435_761) >> UInt32(32 - Self.hashBits))
        }

        head.withUnsafeMutableBufferPointer { head in
            previous.withUnsafeMutableBufferPointer { previous in
                @inline(__always) func insert(_ position: Int) -> Int {
                    let bucket = hash(position)
                    let candidate = Int(head[bucket])
                    previous[position & windowMask] = Int32(candidate)
                    head[bucket] = Int32(position)
                    return candidate
                }

                var position = 0
                while position < count {
                    var bestLength = 0
                    var bestDistance = 0
                    if position + Self.minimumMatch <= count {
                        var candidate = insert(position)
                        let limit = min(Self.maximumMatch, count - position)
                        var chain = maximumChainLength
                        while candidate >= 0, position - candidate <= Self.windowSize, chain > 0 {
                            if source[candidate + bestLength] == source[position + bestLength] {
                                var length = 0
                                while length < limit, source[candidate + length] == source[position + length] {
                                    length += 1
                                }
                                if length > bestLength {
                                    bestLength = length
                                    bestDistance = position - candidate
                                    if length == limit { break }
                                }
                            }
                            let next = Int(previous[candidate & windowMask])
                            guard next < candidate else { break }  // slot recycled by a newer position
                            candidate = next
                            chain -= 1
                        }
                    }
                    if bestLength >= Self.minimumMatch {
                        Self.writeMatch(length: bestLength, distance: bestDistance, into: &writer)
                        let end = position + bestLength
                        var inserted = position + 1
                        while inserted < end, inserted + Self.minimumMatch <= count {
                            _ = insert(inserted)
                            inserted += 1
                        }
                        position = end
                    } else {
                        let literal = Int(source[position])
                        writer.write(literalCodes[literal], count: literalLengths[literal])
                        position += 1
                    }
                }
            }
        }
        writer.write(literalCodes[256], count: literalLengths[256])  // end of block
    }

    /// Writes one length/distance pair with the fixed codes and their extra bits.
    @inline(__always)
    private static func writeMatch(length: Int, distance: Int, into writer: inout BitWriter) {
        let lengthIndex = Int(FixedHuffmanCodes.lengthSymbolIndex[length])
        let lengthSymbol = 257 + lengthIndex
        writer.write(FixedHuffmanCodes.literalCodes[lengthSymbol], count: FixedHuffmanCodes.literalLengths[lengthSymbol])
        let lengthExtra = FixedHuffmanCodes.lengthExtraBits[lengthIndex]
        if lengthExtra > 0 {
            writer.write(UInt32(length - FixedHuffmanCodes.lengthBases[lengthIndex]), count: lengthExtra)
        }
        let distanceSymbol = Int(FixedHuffmanCodes.distanceSymbol[distance])
        writer.write(FixedHuffmanCodes.distanceCodes[distanceSymbol], count: 5)
        let distanceExtra = FixedHuffmanCodes.distanceExtraBits[distanceSymbol]
        if distanceExtra > 0 {
            writer.write(UInt32(distance - FixedHuffmanCodes.distanceBases[distanceSymbol]), count: distanceExtra)
        }
    }
}
