import Foundation

/// Several errors of one spec, reported together so that one run of `--print-config` shows every fix needed.
///
/// The description has one ``SpecError`` per line, in spec order:
///
/// ```
/// 2 errors in the spec:
///   Experiments/x.yaml:12:5: train.batch_size: 0 is out of range; must be in [1, 1048576]
///   Experiments/x.yaml:20:3: eval.metrics: expected at least one metric; ...
/// ```
public struct SpecErrors: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    /// The errors, in the order they were found; at least two.
    public var errors: [SpecError]

    /// Groups `errors` (two or more).
    public init(_ errors: [SpecError]) {
        self.errors = errors
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
