/// The optimizer and its hyperparameters.
///
/// ```yaml
/// optimizer: {name: adamw, lr: 1.0e-3, betas: [0.9, 0.999], eps: 1.0e-8, weight_decay: 0.0}
/// ```
public struct OptimizerSpec: Sendable, Equatable {
    /// The optimizers FlowLab provides.
    public enum Name: String, Sendable, Equatable, CaseIterable, Decodable {
        /// Adam with decoupled weight decay (Loshchilov and Hutter).
        case adamw

        /// Decodes one of the case names; anything else is a located error listing them.
        public init(from decoder: any Decoder) throws {
            self = try decoder.decodeChoice(Self.self)
        }
    }

    /// Which optimizer.
    public var name: Name
    /// Peak learning rate (`lr`), > 0.
    public var learningRate: Double
    /// Adam's (beta1, beta2) (`betas`), each in [0, 1); (0.9, 0.999) when not written.
    public var betas: (Double, Double)
    /// Adam's epsilon (`eps`), > 0; 1e-8 when not written.
    public var epsilon: Double
    /// Decoupled weight decay (`weight_decay`), >= 0; 0 when not written.
    public var weightDecay: Double

    /// Creates an optimizer spec.
    public init(name: Name, learningRate: Double, betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8, weightDecay: Double = 0) {
        self.name = name
        self.learningRate = learningRate
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// Equal hyperparameters.
    public static func == (lhs: OptimizerSpec, rhs: OptimizerSpec) -> Bool {
        lhs.name == rhs.name && lhs.learningRate == rhs.learningRate && lhs.betas == rhs.betas
            && lhs.epsilon == rhs.epsilon && lhs.weightDecay == rhs.weightDecay
    }
}

extension OptimizerSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case name, betas
        case learningRate = "lr"
        case epsilon = "eps"
        case weightDecay = "weight_decay"
    }

    /// Decodes and range-checks the hyperparameters.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(Name.self, forKey: .name)
        learningRate = try container.decode(Double.self, forKey: .learningRate, where: .positive)
        if container.contains(.betas) {
            let values = try container.decode([Double].self, forKey: .betas)
            guard values.count == 2, values.allSatisfy({ (0..<1).contains($0) }) else {
                throw DecodingError.dataCorruptedError(forKey: .betas, in: container,
                                                       debugDescription: "expected two values in [0, 1), got \(values)")
            }
            betas = (values[0], values[1])
        } else {
            betas = (0.9, 0.999)
        }
        epsilon = try container.decodeIfPresent(Double.self, forKey: .epsilon, where: .positive) ?? 1e-8
        weightDecay = try container.decodeIfPresent(Double.self, forKey: .weightDecay, where: .nonNegative) ?? 0
    }
}
