import Foundation

/// A minimal PNG reader for 8-bit RGB/RGBA, non-interlaced files: checks signature and chunk CRCs,
/// inflates IDAT with `TestInflater` and undoes the scanline filters.
struct DecodedPNG {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let width: Int
    let height: Int
    let channels: Int
    let pixels: [UInt8]
    let chunkTypes: [String]

    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else {
            throw Failure(description: "missing PNG signature")
        }
        var position = 8
        var header: [UInt8] = []
        var imageData: [UInt8] = []
        var types: [String] = []
        func readUInt32(_ at: Int) -> Int {
            Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
        }
        while position < bytes.count {
            guard position + 12 <= bytes.count else { throw Failure(description: "truncated chunk at \(position)") }
            let length = readUInt32(position)
            let typeBytes = Array(bytes[(position + 4)..<(position + 8)])
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard position + 12 + length <= bytes.count else { throw Failure(description: "chunk \(type) overruns file") }
            let body = Array(bytes[(position + 8)..<(position + 8 + length)])
            let storedCRC = UInt32(readUInt32(position + 8 + length))
            guard storedCRC == Self.crc(typeBytes + body) else { throw Failure(description: "CRC mismatch in \(type)") }
            types.append(type)
            if type == "IHDR" { header = body }
            if type == "IDAT" { imageData += body }
            position += 12 + length
        }
        guard header.count == 13 else { throw Failure(description: "missing IHDR") }
        width = Int(header[0]) << 24 | Int(header[1]) << 16 | Int(header[2]) << 8 | Int(header[3])
        height = Int(header[4]) << 24 | Int(header[5]) << 16 | Int(header[6]) << 8 | Int(header[7])
        guard header[8] == 8, header[12] == 0 else { throw Failure(description: "unsupported bit depth or interlace") }
        switch header[9] {
        case 2: channels = 3
        case 6: channels = 4
        default: throw Failure(description: "unsupported colour type \(header[9])")
        }
        chunkTypes = types
        let raw = try TestInflater.inflateZlib(imageData)
        let rowLength = width * channels
        guard raw.count == height * (rowLength + 1) else {
            throw Failure(description: "inflated \(raw.count) bytes, expected \(height * (rowLength + 1))")
        }
        var result = [UInt8](repeating: 0, count: height * rowLength)
        for row in 0..<height {
            let filter = raw[row * (rowLength + 1)]
            for index in 0..<rowLength {
                let value = raw[row * (rowLength + 1) + 1 + index]
                let left = index >= channels ? Int(result[row * rowLength + index - channels]) : 0
                let up = row > 0 ? Int(result[(row - 1) * rowLength + index]) : 0
                let upperLeft = row > 0 && index >= channels ? Int(result[(row - 1) * rowLength + index - channels]) : 0
                let predictor: Int
                switch filter {
                case 0: predictor = 0
                case 1: predictor = left
                case 2: predictor = up
                case 3: predictor = (left + up) / 2
                case 4:
                    let estimate = left + up - upperLeft
                    let (a, b, c) = (abs(estimate - left), abs(estimate - up), abs(estimate - upperLeft))
                    predictor = a <= b && a <= c ? left : b <= c ? up : upperLeft
                default: throw Failure(description: "bad filter type \(filter) on row \(row)")
                }
                result[row * rowLength + index] = UInt8(truncatingIfNeeded: Int(value) + predictor)
            }
        }
        pixels = result
    }

    /// Bitwise CRC-32, independent of the encoder's table-driven one.
    static func crc(_ bytes: [UInt8]) -> UInt32 {
        var value: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            value ^= UInt32(byte)
            for _ in 0..<8 { value = value & 1 != 0 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        }
        return ~value
    }

    /// The RGB colour at (x, y).
    func rgb(x: Int, y: Int) -> [UInt8] {
        let offset = (y * width + x) * channels
        return Array(pixels[offset..<(offset + 3)])
    }
}
