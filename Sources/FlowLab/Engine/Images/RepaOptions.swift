/// Options of the `repa` alignment term (REPA, Yu et al. 2024; HASTE's early stop): a projector MLP on the image
/// stream's hidden states after MM-DiT block `layer`, aligned by cosine similarity with the patch features of the
/// frozen teacher `model.teacher: {stage: NAME}` on the clean image, weighted `weight`, applied while the step is
/// below `until_step`.
///
/// ```yaml
/// alignment:
///   - {name: repa, weight: 0.5, layer: 1, until_step: 400, projector_hidden: 256}
/// ```
struct RepaOptions: Decodable, Sendable {
    /// The term's weight in the total loss (REPA's λ = 0.5).
    var weight: Double
    /// The MM-DiT block (0-based) whose image-stream output the projector reads.
    var layer: Int
    /// The step from which the term is no longer applied (HASTE's early stop); nil: never stopped.
    var untilStep: Int?
    /// Hidden width of the projector (2048 in REPA).
    var projectorHidden: Int

    enum CodingKeys: String, CodingKey {
        case weight, layer, untilStep = "until_step", projectorHidden = "projector_hidden"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        weight = try container.decodeIfPresent(Double.self, forKey: .weight, where: .nonNegative) ?? 0.5
        layer = try container.decode(Int.self, forKey: .layer, where: .nonNegative)
        untilStep = try container.decodeIfPresent(Int.self, forKey: .untilStep, where: .nonNegative)
        projectorHidden = try container.decodeIfPresent(Int.self, forKey: .projectorHidden, where: .within(1...65536)) ?? 2048
    }
}
