/// Whether the paper's ordering of an ablation sub-table's rows reproduces in one metric column.
enum AblationVerdict: Equatable, Sendable {
    /// Every pair the paper orders is ordered the same way here (beyond the margins of ``SeedStatistic``).
    case reproduces
    /// At least one pair the paper orders is ordered the other way here.
    case reversed
    /// No pair is reversed, but at least one ties under the margins.
    case tie
    /// A row the paper orders has no runs here.
    case notChecked

    /// The verdict of pairwise comparisons (1: as the paper, -1: reversed, 0: tie, nil: a row missing).
    init(comparisons: [Int?]) {
        if comparisons.contains(where: { $0 == nil }) || comparisons.isEmpty {
            self = .notChecked
        } else if comparisons.contains(-1) {
            self = .reversed
        } else if comparisons.contains(0) {
            self = .tie
        } else {
            self = .reproduces
        }
    }

    /// The verdict in bold words, for `report.md`.
    var text: String {
        switch self {
        case .reproduces: return "**reproduces**"
        case .reversed: return "**does not reproduce** (reversed)"
        case .tie: return "**tie** (within the margins)"
        case .notChecked: return "*not checked* (a row has no runs)"
        }
    }
}
