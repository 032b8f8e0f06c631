/// Options of the `cfg` guidance: one or more scales, each its own sampling configuration.
struct ClassifierFreeOptions: Decodable, Sendable {
    var scales: [Double]
    enum CodingKeys: String, CodingKey { case scales, scale }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let scale = try container.decodeIfPresent(Double.self, forKey: .scale, where: .nonNegative) {
            scales = [scale]
        } else {
            scales = try container.decode([Double].self, forKey: .scales)
            guard !scales.isEmpty, scales.allSatisfy({ $0 >= 0 && $0.isFinite }) else {
                throw DecodingError.dataCorruptedError(forKey: .scales, in: container,
                                                       debugDescription: "scales must be a non-empty list of finite, non-negative numbers, got \(scales)")
            }
            if let repeated = scales.firstRepeated {
                throw DecodingError.dataCorruptedError(forKey: .scales, in: container,
                                                       debugDescription: "scale \(repeated) is listed twice; each scale is its own sampling configuration")
            }
        }
    }
}
