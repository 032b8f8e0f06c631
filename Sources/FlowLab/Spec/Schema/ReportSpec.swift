/// What a spec adds to its reports (`report:`): paper tables whose rows are the values of a swept key.
///
/// ```yaml
/// report:
///   ablations:
///     - title: Text alignment target
///       key: model.alignment_target
///       fixed: {model.alignment_loss: contrastive, model.alignment_weight: 1.0}
///       configuration: flowtok-ablations_s2.0
///       metrics: [fid_shapes, pixel_colour_accuracy]
///       paper: {metric: COCO FID-30K, better: lower, values: {avg_pool: 36.02, mlp: 29.14}}
/// ```
public struct ReportSpec: Sendable, Equatable {
    /// The ablation sub-tables, in the order written.
    public var ablations: [AblationTableSpec]

    /// No report sections.
    public static let empty = ReportSpec(ablations: [])

    /// Every place where a sub-table does not fit the spec's `sweep:` axes (see ``AblationTableSpec/check(against:)``).
    func check(against sweep: [SpecSweepAxis]) -> [SpecError] {
        ablations.flatMap { $0.check(against: sweep) }
    }
}

extension ReportSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case ablations
    }

    /// Decodes the sections, every sub-table on its own so that all their errors are reported together; unknown keys
    /// are errors at their line.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let node = try container.decodeIfPresent(SpecNode.self, forKey: .ablations)
        let path = ((decoder as? NodeDecoder)?.keyPath ?? "report") + ".ablations"
        guard let node, !node.isNull else {
            ablations = []
            return
        }
        guard let elements = node.elements else {
            throw SpecError(location: node.location, keyPath: path, message: "expected a list of sub-tables, got \(node.summary)")
        }
        var collector = SpecErrorCollector()
        let tables = try elements.enumerated().map { index, element in
            try collector.attempt { try SpecDecoder.decode(AblationTableSpec.self, from: element, keyPath: "\(path)[\(index)]") }
        }
        try collector.throwIfAny()
        ablations = tables.compactMap { $0 }
    }
}
