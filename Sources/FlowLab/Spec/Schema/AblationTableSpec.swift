/// One ablation sub-table of a sweep's report: rows are the values of the swept `key` (the other swept keys held at
/// `fixed`), columns are the `metrics` of `configuration` (mean ± std over seeds) and the paper's number of each row.
///
/// A verdict per metric says whether the paper's ordering of the rows reproduces (``SeedStatistic/compare(_:_:)``).
/// Decoding checks the shape (`metrics` non-empty and distinct, `paper.better` lower or higher, at least two paper
/// values); ``check(against:)`` checks it against the sweep; a metric or configuration missing from the runs is
/// reported when the table is built (``AblationTable``), each error at the line that names it.
public struct AblationTableSpec: Sendable {
    /// The heading of the sub-table.
    public var title: String
    /// The swept key path whose values are the rows, e.g. `model.alignment_target`.
    public var key: String
    /// The other swept keys and the value each is held at, in the order written.
    public var fixed: [SpecEntry]
    /// The sampling configuration whose metrics are tabulated (`/eval/<configuration>` in metrics.h5); nil: the only
    /// configuration besides `data_reference` that has the first metric.
    public var configuration: String?
    /// The metric columns (names under `/eval/<configuration>`), each with a verdict; the first is the paper's.
    public var metrics: [String]
    /// The paper's column, when the paper has one.
    public var paper: AblationPaperColumn?
    /// The sub-table as written (locations of its keys for errors).
    public var node: SpecNode
    /// Its key path, e.g. `report.ablations[0]`.
    public var keyPath: String

    /// Where `child` (a key of the sub-table) was written, else the sub-table itself.
    func location(of child: String) -> SpecLocation {
        node.entries?.first { $0.key == child }?.value.location ?? node.location
    }

    /// An error at key `child` of the sub-table.
    func error(at child: String, _ message: String) -> SpecError {
        SpecError(location: location(of: child), keyPath: keyPath + "." + child, message: message)
    }

    /// Errors where the sub-table does not fit the sweep's axes: `key` and every `fixed` key must be swept, every
    /// other swept key (but `seeds`) must be fixed (or a row would mix its values), and each fixed value and each
    /// paper row must be among its axis's values.
    func check(against sweep: [SpecSweepAxis]) -> [SpecError] {
        func axis(_ key: String) -> SpecSweepAxis? { sweep.first { Self.bare($0.key) == key } }
        let swept = sweep.map { Self.bare($0.key) }.joined(separator: ", ")
        var errors: [SpecError] = []
        guard let rows = axis(key) else {
            return [error(at: "key", "'\(key)' is not a key of the spec's sweep: block (\(swept.isEmpty ? "none" : swept)); the rows are the values of a swept key")]
        }
        for entry in fixed {
            let path = keyPath + ".fixed." + entry.key
            if entry.key == key {
                errors.append(SpecError(location: entry.keyLocation, keyPath: path, message: "'\(key)' is the key of the rows; it cannot also be fixed"))
            } else if let fixedAxis = axis(entry.key) {
                if !fixedAxis.values.contains(entry.value) {
                    errors.append(SpecError(location: entry.value.location, keyPath: path,
                                            message: "\(entry.value.flowText) is not among the swept values [\(fixedAxis.values.map(\.flowText).joined(separator: ", "))]"))
                }
            } else {
                errors.append(SpecError(location: entry.keyLocation, keyPath: path,
                                        message: "'\(entry.key)' is not a key of the spec's sweep: block (\(swept)); fix only swept keys"))
            }
        }
        for other in sweep.map({ Self.bare($0.key) }) where other != key && other != "seeds" && !fixed.contains(where: { $0.key == other }) {
            errors.append(error(at: fixed.isEmpty ? "key" : "fixed",
                                "'\(other)' is swept but not fixed: each row would average over its values; add it to fixed"))
        }
        for row in paper?.values ?? [] where !rows.values.contains(row.value) {
            errors.append(SpecError(location: row.location, keyPath: keyPath + ".paper.values." + row.value.flowText,
                                    message: "\(row.value.flowText) is not among the swept values of \(key) [\(rows.values.map(\.flowText).joined(separator: ", "))]"))
        }
        return errors
    }

    /// A sweep key without its `+`/`++` prefix.
    static func bare(_ key: String) -> String {
        String(key.drop { $0 == "+" })
    }
}

extension AblationTableSpec: Equatable {
    /// Equal as written (values, not locations).
    public static func == (lhs: AblationTableSpec, rhs: AblationTableSpec) -> Bool {
        lhs.node == rhs.node && lhs.keyPath == rhs.keyPath
    }
}

extension AblationTableSpec: Decodable {
    enum CodingKeys: String, CodingKey {
        case title, key, fixed, configuration, metrics, paper
    }

    /// Decodes and shape-checks one sub-table (only through ``SpecDecoder``).
    public init(from decoder: any Decoder) throws {
        guard let nodeDecoder = decoder as? NodeDecoder else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "an AblationTableSpec can only be decoded by SpecDecoder"))
        }
        node = nodeDecoder.node
        keyPath = nodeDecoder.keyPath
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let path = keyPath
        // Fields are independent: decode each, keep every error, and report them all together.
        var collector = SpecErrorCollector(context: nodeDecoder.context)
        let title = try collector.attempt { try container.decode(String.self, forKey: .title) }
        let key = try collector.attempt { try container.decode(String.self, forKey: .key) }
        let fixed = try collector.attempt { () throws -> [SpecEntry] in
            guard let node = try container.decodeIfPresent(SpecNode.self, forKey: .fixed), !node.isNull else { return [] }
            guard let entries = node.entries else {
                throw SpecError(location: node.location, keyPath: path + ".fixed", message: "expected a mapping of swept keys to one value each, got \(node.summary)")
            }
            return entries
        }
        let configuration = try collector.attempt { try container.decodeIfPresent(String.self, forKey: .configuration) }
        let metrics = try collector.attempt { () throws -> [String] in
            let metrics = try container.decode([String].self, forKey: .metrics)
            if metrics.isEmpty {
                throw DecodingError.dataCorruptedError(forKey: .metrics, in: container, debugDescription: "expected at least one metric")
            }
            if let repeated = metrics.firstRepeated {
                throw DecodingError.dataCorruptedError(forKey: .metrics, in: container, debugDescription: "metric '\(repeated)' is listed twice")
            }
            return metrics
        }
        let paper = try collector.attempt { try container.decodeIfPresent(AblationPaperColumn.self, forKey: .paper) }
        try collector.throwIfAny()
        guard let title, let key, let fixed, let configuration, let metrics, let paper else {
            preconditionFailure("every field decoded or recorded an error")
        }
        self.title = title
        self.key = key
        self.fixed = fixed
        self.configuration = configuration
        self.metrics = metrics
        self.paper = paper
    }
}
