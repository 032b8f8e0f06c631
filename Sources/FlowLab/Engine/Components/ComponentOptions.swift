import FlowMatching

/// Options of the `polynomial` scheduler.
struct PolynomialOptions: Decodable, Sendable {
    var n: Double
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        n = try container.decode(Double.self, forKey: .n, where: .positive)
    }
    enum CodingKeys: String, CodingKey { case n }
}

/// Options of the `vp` scheduler.
struct VariancePreservingOptions: Decodable, Sendable {
    var betaMinimum: Double
    var betaMaximum: Double
    enum CodingKeys: String, CodingKey {
        case betaMinimum = "beta_min", betaMaximum = "beta_max"
    }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        betaMinimum = try container.decodeIfPresent(Double.self, forKey: .betaMinimum, where: .positive) ?? 0.1
        betaMaximum = try container.decodeIfPresent(Double.self, forKey: .betaMaximum, where: .positive) ?? 20
    }
}

/// Options of the `cross_guidance` source.
struct CrossGuidanceSourceOptions: Decodable, Sendable {
    var probability: Double
    var base: String
    enum CodingKeys: String, CodingKey { case probability, base }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        probability = try container.decode(Double.self, forKey: .probability, where: .probability)
        base = try container.decodeIfPresent(String.self, forKey: .base) ?? "uniform"
        guard ["uniform", "mask"].contains(base) else {
            throw DecodingError.dataCorruptedError(forKey: .base, in: container,
                                                   debugDescription: "base must be 'uniform' or 'mask', got '\(base)'")
        }
    }
}

/// Options of the `uniform` time sampler.
struct UniformTimeOptions: Decodable, Sendable {
    var upper: Double
    enum CodingKeys: String, CodingKey { case upper }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        upper = try container.decodeIfPresent(Double.self, forKey: .upper, where: .within(0...1)) ?? 1
    }
}

/// Options of the `logit_normal` and `skewed` time samplers.
struct NormalTimeOptions: Decodable, Sendable {
    var mean: Double
    var standardDeviation: Double
    enum CodingKeys: String, CodingKey { case mean, standardDeviation = "std" }
    static func decode(_ decoder: any Decoder, defaultMean: Double, defaultDeviation: Double) throws -> NormalTimeOptions {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        return NormalTimeOptions(
            mean: try container.decodeIfPresent(Double.self, forKey: .mean) ?? defaultMean,
            standardDeviation: try container.decodeIfPresent(Double.self, forKey: .standardDeviation, where: .positive) ?? defaultDeviation)
    }
    init(mean: Double, standardDeviation: Double) {
        self.mean = mean
        self.standardDeviation = standardDeviation
    }
    init(from decoder: any Decoder) throws {
        self = try NormalTimeOptions.decode(decoder, defaultMean: 0, defaultDeviation: 1)
    }
}

/// Options of the `skewed` time sampler (flow_matching's image example defaults).
struct SkewedTimeOptions: Decodable, Sendable {
    var normal: NormalTimeOptions
    init(from decoder: any Decoder) throws {
        normal = try NormalTimeOptions.decode(decoder, defaultMean: -1.2, defaultDeviation: 1.2)
    }
}

/// Options of the ODE solvers.
struct SolverOptions: Decodable, Sendable {
    var discrete: String
    var divergenceFree: Double
    var discreteSteps: Int?
    enum CodingKeys: String, CodingKey {
        case discrete, divergenceFree = "divergence_free", discreteSteps = "discrete_steps"
    }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        discrete = try container.decodeIfPresent(String.self, forKey: .discrete) ?? "euler"
        guard ["euler", "jump_schedule"].contains(discrete) else {
            throw DecodingError.dataCorruptedError(forKey: .discrete, in: container,
                                                   debugDescription: "discrete must be 'euler' or 'jump_schedule', got '\(discrete)'")
        }
        divergenceFree = try container.decodeIfPresent(Double.self, forKey: .divergenceFree, where: .nonNegative) ?? 0
        discreteSteps = try container.decodeIfPresent(Int.self, forKey: .discreteSteps, where: .positive)
    }
}

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
            guard !scales.isEmpty, scales.allSatisfy({ $0 >= 0 }) else {
                throw DecodingError.dataCorruptedError(forKey: .scales, in: container,
                                                       debugDescription: "scales must be a non-empty list of non-negative numbers")
            }
        }
    }
}

/// Options of the `cross` and `frozen_prompt` guidance: an optional CFG scale on the continuous velocity.
struct JointGuidanceOptions: Decodable, Sendable {
    var cfgScale: Double?
    enum CodingKeys: String, CodingKey { case cfgScale = "cfg_scale" }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        cfgScale = try container.decodeIfPresent(Double.self, forKey: .cfgScale, where: .nonNegative)
    }
}
