/// Options of the `skewed` time sampler (flow_matching's image example defaults).
struct SkewedTimeOptions: Decodable, Sendable {
    var normal: NormalTimeOptions
    init(from decoder: any Decoder) throws {
        normal = try NormalTimeOptions.decode(decoder, defaultMean: -1.2, defaultDeviation: 1.2)
    }
}
