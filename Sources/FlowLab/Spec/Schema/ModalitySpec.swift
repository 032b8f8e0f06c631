/// How one modality flows: its path, scheduler, source, time sampler, loss and loss weight.
///
/// ```yaml
/// modalities:
///   label: {kind: discrete, path: mixture, scheduler: {name: polynomial, n: 1}, source: uniform, loss: generalized_kl}
/// ```
public struct ModalitySpec: Sendable, Equatable {
    /// Whether a modality's values are real vectors or tokens.
    public enum Kind: String, Sendable, Equatable, CaseIterable, Decodable {
        /// Real-valued data (images, points).
        case continuous
        /// Tokens from a vocabulary (labels, text).
        case discrete

        /// Decodes one of the case names; anything else is a located error listing them.
        public init(from decoder: any Decoder) throws {
            self = try decoder.decodeChoice(Self.self)
        }
    }

    /// Whether the flow generates a modality, only reads it as a fixed condition, or starts from it.
    public enum Role: String, Sendable, Equatable, CaseIterable, Decodable {
        /// The flow generates this modality (the default).
        case generated
        /// The modality is a condition the model reads but never generates (the conventional conditional
        /// model, e.g. a label-conditioned flow sampled with CFG); its path, source and loss are not used.
        case condition
        /// The flow starts from this modality instead of noise (FlowTok: text tokens flow into image tokens); its
        /// path, source and loss are not used.
        case source
        /// Decodes one of the case names; anything else is a located error listing them.
        public init(from decoder: any Decoder) throws {
            self = try decoder.decodeChoice(Self.self)
        }
    }

    /// The modality's name (its key under `modalities:`).
    public var name: String
    /// `continuous` or `discrete`.
    public var kind: Kind
    /// Component of kind `path`; required for a generated modality, nil (not written) otherwise.
    public var path: ComponentSpec?
    /// Component of kind `scheduler`; required for a generated modality.
    public var scheduler: ComponentSpec?
    /// Component of kind `source`; required for a generated modality.
    public var source: ComponentSpec?
    /// Component of kind `time_sampler`; nil lets the trainer share one time sampler across modalities.
    public var timeSampler: ComponentSpec?
    /// Component of kind `loss`; required for a generated modality.
    public var loss: ComponentSpec?
    /// The weight (lambda) of this modality's loss term, >= 0; 1 when not written.
    public var weight: Double
    /// `generated` (the default), `condition` or `source`.
    public var role: Role
}

extension ModalitySpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case kind, path, scheduler, source, loss, weight, role
        case timeSampler = "time_sampler"
    }

    /// Decodes a modality; ``name`` is filled in by the enclosing spec from the mapping key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = decoder.codingPath.last?.stringValue ?? ""
        kind = try container.decode(Kind.self, forKey: .kind)
        role = try container.decodeIfPresent(Role.self, forKey: .role) ?? .generated
        // A generated modality needs all four; a condition or source may still write them (a variant may flip its role).
        let required = role == .generated
        func component(_ key: CodingKeys) throws -> ComponentSpec? {
            required ? try container.decode(ComponentSpec.self, forKey: key) : try container.decodeIfPresent(ComponentSpec.self, forKey: key)
        }
        path = try component(.path)
        scheduler = try component(.scheduler)
        source = try component(.source)
        timeSampler = try container.decodeIfPresent(ComponentSpec.self, forKey: .timeSampler)
        loss = try component(.loss)
        weight = try container.decodeIfPresent(Double.self, forKey: .weight, where: .nonNegative) ?? 1
    }
}
