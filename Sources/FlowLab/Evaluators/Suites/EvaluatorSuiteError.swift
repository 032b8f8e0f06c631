import Foundation

/// Why an evaluator suite cannot prepare or evaluate: the suite (its `eval.metrics` entry), the configuration when
/// one was being evaluated, and what is wrong, already naming the fix.
///
/// ```swift
/// throw EvaluatorSuiteError(suite: "shapes_t2i", "the data set is not shapes")
/// // eval.metrics: shapes_t2i: the data set is not shapes
/// ```
struct EvaluatorSuiteError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The suite's registered name.
    let suite: String
    /// The sampling configuration being evaluated, or nil while preparing.
    let configuration: String?
    /// What is wrong.
    let message: String

    init(suite: String, configuration: String? = nil, _ message: String) {
        self.suite = suite
        self.configuration = configuration
        self.message = message
    }

    /// `eval.metrics: shapes_t2i: configuration cfg_w3: message` (one line, the configuration left out while preparing).
    var description: String {
        "eval.metrics: \(suite): " + (configuration.map { "configuration \($0): " } ?? "") + message
    }

    /// Same as ``description``, so `localizedDescription` is useful too.
    var errorDescription: String? { description }

    /// Runs `body`, turning any other error it throws into one of `suite` (and `configuration`) with that error's text.
    static func attributing<T>(to suite: String, configuration: String? = nil, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as EvaluatorSuiteError {
            throw error
        } catch {
            throw EvaluatorSuiteError(suite: suite, configuration: configuration, "\(error)")
        }
    }
}
