import Foundation

/// Several errors of one spec, reported together so that one run of `--print-config` shows every fix needed.
///
/// The description has one ``SpecError`` per line, sorted by position in the spec:
///
/// ```
/// 2 errors in the spec:
///   Experiments/x.yaml:12:5: train.batch_size: 0 is out of range; must be in [1, 1048576]
///   Experiments/x.yaml:20:3: eval.metrics: expected at least one metric; ...
/// ```
public struct SpecErrors: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The errors, sorted by position (see ``init(_:)``); at least two.
    public var errors: [SpecError]

    /// Groups `errors` (two or more), sorted by where they were written: errors in files first, by line and
    /// column within a file (files in the order their first error was found), then errors in overrides and in
    /// generated values, each in the order found.
    public init(_ errors: [SpecError]) {
        var fileRanks: [String: Int] = [:]
        let keyed = errors.enumerated().map { index, error -> (position: [Int], error: SpecError) in
            switch error.location {
            case let .file(path, line, column):
                let rank = fileRanks[path] ?? fileRanks.count
                fileRanks[path] = rank
                return ([0, rank, line, column, index], error)
            case .override:
                return ([1, 0, 0, 0, index], error)
            case .generated:
                return ([2, 0, 0, 0, index], error)
            }
        }
        self.errors = keyed.sorted { $0.position.lexicographicallyPrecedes($1.position) }.map(\.error)
    }

    public var description: String {
        "\(errors.count) errors in the spec:\n" + errors.map { "  \($0)" }.joined(separator: "\n")
    }

    public var errorDescription: String? { description }

    /// Throws nothing for no errors, the error itself for one, and ``SpecErrors`` for several (duplicates dropped).
    public static func throwIfAny(_ errors: [SpecError]) throws {
        var seen: Set<String> = []
        let distinct = errors.filter { seen.insert($0.description).inserted }
        switch distinct.count {
        case 0: return
        case 1: throw distinct[0]
        default: throw SpecErrors(distinct)
        }
    }
}
