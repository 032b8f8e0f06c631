/// Options of the `inpaint` guidance (CrossFlows App. C.2): which region of each test image is cut out, how many
/// backward steps invert the cut image to its noise, whether the caption may evolve on the way forward, and an
/// optional CFG scale.
///
/// ```yaml
/// sample: {guidance: {name: inpaint, region: object, inversion_steps: 50, caption: evolve}}
/// ```
public struct InpaintingChoice: Decodable, Sendable, Equatable {
    /// The region cut out of each test image.
    public var region: InpaintingRegion
    /// Backward Euler steps from the cut image to its noise; nil: the sampling steps.
    public var inversionSteps: Int?
    /// Whether the caption evolves on the forward solve (`evolve`: cross-guidance, the paper's procedure) or is held
    /// at the prompt (`frozen`: plain flow-matching inpainting, the baseline the paper argues against).
    public var captionEvolves: Bool
    /// Classifier-free guidance on the forward velocity; nil for none.
    public var cfgScale: Double?

    enum CodingKeys: String, CodingKey {
        case region, inversionSteps = "inversion_steps", caption, cfgScale = "cfg_scale"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let regionName = try container.decodeIfPresent(String.self, forKey: .region) ?? InpaintingRegion.object.rawValue
        guard let region = InpaintingRegion(rawValue: regionName) else {
            throw DecodingError.dataCorruptedError(forKey: .region, in: container, debugDescription:
                "region must be one of \(InpaintingRegion.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ")), got '\(regionName)'")
        }
        self.region = region
        inversionSteps = try container.decodeIfPresent(Int.self, forKey: .inversionSteps, where: .positive)
        let caption = try container.decodeIfPresent(String.self, forKey: .caption) ?? "evolve"
        guard ["evolve", "frozen"].contains(caption) else {
            throw DecodingError.dataCorruptedError(forKey: .caption, in: container,
                                                   debugDescription: "caption must be 'evolve' or 'frozen', got '\(caption)'")
        }
        captionEvolves = caption == "evolve"
        cfgScale = try container.decodeIfPresent(Double.self, forKey: .cfgScale, where: .nonNegative)
    }
}
