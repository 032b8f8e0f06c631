/// The paper's numbers of an ablation sub-table: which metric, which way is better, and the value of each row.
///
/// ```yaml
/// paper: {metric: COCO FID-30K, better: lower, values: {avg_pool: 36.02, mlp: 29.14}}
/// ```
public struct AblationPaperColumn: Sendable, Equatable {
    /// One row's number: the swept value (as plain YAML: `1.0` matches a swept `1.0` or `1`), where it was written.
    public struct Row: Sendable, Equatable {
        public var value: SpecNode
        public var number: Double
        public var location: SpecLocation
    }

    /// The paper's metric, for the header (`COCO FID-30K`).
    public var metric: String
    /// Whether a higher number is better in the paper's metric.
    public var higherIsBetter: Bool
    /// The rows, in the order written (at least two).
    public var values: [Row]
}

extension AblationPaperColumn: Decodable {
    enum CodingKeys: String, CodingKey {
        case metric, better, values
    }

    /// Decodes the column; `better` is `lower` or `higher`, `values` a mapping of at least two swept values to numbers.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        metric = try container.decode(String.self, forKey: .metric)
        switch try container.decode(String.self, forKey: .better) {
        case "lower": higherIsBetter = false
        case "higher": higherIsBetter = true
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .better, in: container, debugDescription: "expected 'lower' or 'higher', got '\(other)'")
        }
        let node = try container.decode(SpecNode.self, forKey: .values)
        let path = (decoder as? NodeDecoder).map { $0.keyPath + ".values" } ?? "values"
        guard let entries = node.entries else {
            throw SpecError(location: node.location, keyPath: path, message: "expected a mapping of swept values to the paper's numbers, got \(node.summary)")
        }
        values = try entries.map { entry in
            guard let number = entry.value.scalar?.doubleValue, entry.value.scalar?.kind == .float || entry.value.scalar?.kind == .integer else {
                throw SpecError(location: entry.value.location, keyPath: path + "." + entry.key, message: "expected a number, got \(entry.value.summary)")
            }
            return Row(value: .plain(entry.key, location: entry.keyLocation), number: number, location: entry.keyLocation)
        }
        guard values.count >= 2 else {
            throw SpecError(location: node.location, keyPath: path, message: "expected at least two rows to order, got \(values.count)")
        }
    }
}
