/// Runs independent checks of a spec and keeps every ``SpecError`` they throw, to report them all at once.
///
/// ```swift
/// var collector = SpecErrorCollector()
/// let train = collector.attempt { try container.decode(TrainSpec.self, forKey: .train) }
/// let sample = collector.attempt { try container.decode(SampleSpec.self, forKey: .sample) }
/// try collector.throwIfAny()        // one SpecError, or SpecErrors listing all
/// ```
///
/// Errors that are not about the spec (I/O, programmer errors) are rethrown at once.
public struct SpecErrorCollector {
    /// The errors collected so far, in order.
    public private(set) var errors: [SpecError] = []
    private let convert: (DecodingError) -> SpecError?

    /// A collector; `convert` turns `DecodingError`s of a decoder into located errors (else they are rethrown).
    public init() {
        convert = { _ in nil }
    }

    init(context: DecodingContext) {
        convert = { context.specError(from: $0) }
    }

    /// Runs `body`; on a spec error records it and returns nil.
    public mutating func attempt<T>(_ body: () throws -> T) throws -> T? {
        do {
            return try body()
        } catch let error as SpecError {
            errors.append(error)
        } catch let error as SpecErrors {
            errors += error.errors
        } catch let error as DecodingError {
            guard let converted = convert(error) else { throw error }
            errors.append(converted)
        }
        return nil
    }

    /// Runs `body` like ``attempt(_:)``, recording its errors with `prefix` before their key paths (`stages.pretrain`
    /// turns `train.steps` into `stages.pretrain.train.steps`), for a part of the spec decoded on its own.
    public mutating func attempt<T>(keyPathPrefix prefix: String, _ body: () throws -> T) throws -> T? {
        var inner = self
        inner.errors = []
        let result = try inner.attempt(body)
        errors += inner.errors.map { error in
            var prefixed = error
            if error.keyPath.isEmpty {
                prefixed.keyPath = prefix
            } else if error.keyPath != prefix, !error.keyPath.hasPrefix(prefix + ".") {  // not prefixed already
                prefixed.keyPath = prefix + "." + error.keyPath
            }
            return prefixed
        }
        return result
    }

    /// Records an error found by the caller.
    public mutating func record(_ error: SpecError) {
        errors.append(error)
    }

    /// Throws what was collected (see ``SpecErrors/throwIfAny(_:)``).
    public func throwIfAny() throws {
        try SpecErrors.throwIfAny(errors)
    }
}
