/// Empirical distributions over integer labels, and the distances between them used by the toy experiments.
public enum LabelDistribution {
    /// Relative frequencies of labels `0..<labelCount` (labels outside the range are a programmer error).
    public static func histogram(_ labels: [Int], labelCount: Int) -> [Double] {
        var counts = [Double](repeating: 0, count: labelCount)
        for label in labels {
            precondition((0..<labelCount).contains(label), "label \(label) outside 0..<\(labelCount)")
            counts[label] += 1
        }
        let total = Double(Swift.max(labels.count, 1))
        return counts.map { $0 / total }
    }

    /// Total variation distance `½ Σ |p - q|` between two distributions over the same labels.
    public static func totalVariation(_ p: [Double], _ q: [Double]) -> Double {
        precondition(p.count == q.count, "distributions over \(p.count) and \(q.count) labels")
        return 0.5 * zip(p, q).reduce(0) { $0 + Swift.abs($1.0 - $1.1) }
    }

    /// The labels that hold the least frequent `fraction` of the reference mass.
    ///
    /// Labels are taken in order of increasing reference frequency (ties by label value) until their
    /// cumulative mass reaches `fraction`; the label that crosses the threshold is included.
    public static func rareLabels(reference: [Double], fraction: Double = 0.2) -> [Int] {
        labels(holding: fraction, of: reference, in: reference.indices.sorted { (reference[$0], $0) < (reference[$1], $1) })
    }

    /// The labels that hold the most frequent `fraction` of the reference mass (the mirror of `rareLabels`).
    public static func commonLabels(reference: [Double], fraction: Double = 0.2) -> [Int] {
        labels(holding: fraction, of: reference, in: reference.indices.sorted { (reference[$0], -$0) > (reference[$1], -$1) })
    }

    /// The first labels of `order` whose cumulative reference mass reaches `fraction` (the crossing one included).
    private static func labels(holding fraction: Double, of reference: [Double], in order: [Int]) -> [Int] {
        var chosen: [Int] = [], mass = 0.0
        for label in order {
            if mass >= fraction { break }
            chosen.append(label)
            mass += reference[label]
        }
        return chosen.sorted()
    }

    /// Generated mass on `labels` divided by the reference's mass there (1 is faithful).
    public static func massRatio(generated: [Double], reference: [Double], labels: [Int]) -> Double {
        let referenceMass = labels.reduce(0) { $0 + reference[$1] }
        let generatedMass = labels.reduce(0) { $0 + generated[$1] }
        return referenceMass > 0 ? generatedMass / referenceMass : .nan
    }

    /// Generated mass on the reference's rare labels divided by the reference's mass there (1 is faithful).
    public static func rareMassRatio(generated: [Double], reference: [Double], fraction: Double = 0.2) -> Double {
        massRatio(generated: generated, reference: reference, labels: rareLabels(reference: reference, fraction: fraction))
    }

    /// The fraction of positions where the two label arrays agree.
    public static func agreement(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "agreement of \(a.count) and \(b.count) labels")
        guard !a.isEmpty else { return .nan }
        return Double(zip(a, b).filter { $0 == $1 }.count) / Double(a.count)
    }
}
