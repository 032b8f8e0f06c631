import Foundation

/// Hydra's multirun grammar for sweep values: `a,b,c`, `choice(a,b,c)` and `range(start, stop[, step])`.
///
/// In `flowlab sweep` every override whose value sweeps (a comma outside brackets and quotes,
/// `choice(...)` or `range(...)`) is an axis, as in Hydra's `--multirun`; any other override applies
/// to every job. Example:
///
///     try SweepAxis(hydraOverride: "train.steps=100,200")?.values   // ["100", "200"]
///     try SweepAxis(hydraOverride: "lr=choice(1e-3, 3e-3)")?.values  // ["1e-3", "3e-3"]
///     try SweepAxis(hydraOverride: "depth=range(2, 8, 2)")?.values   // ["2", "4", "6"]
///     try SweepAxis(hydraOverride: "seeds=[0,1]")                    // nil: one value, not an axis
extension SweepAxis {
    /// The axis `override` sweeps, or nil when it sets one value (`key=value`, `~key`, `[0,1]`).
    ///
    /// - Throws: ``SweepError`` for malformed sweep values (unbalanced brackets, a bad `range`).
    public init?(hydraOverride override: String) throws {
        guard let equals = override.firstIndex(of: "=") else { return nil }
        let key = String(override[..<equals]).trimmingCharacters(in: .whitespaces)
        let valueText = String(override[override.index(after: equals)...]).trimmingCharacters(in: .whitespaces)
        let values: [String]
        do {
            guard let expanded = try Self.sweepValues(valueText) else { return nil }
            values = expanded
        } catch let error as SweepError {
            throw SweepError("invalid sweep override '\(override)': \(error.message)")
        }
        try self.init(key: key, values: values)
    }

    /// The values `text` sweeps over, or nil when it is a single value.
    static func sweepValues(_ text: String) throws -> [String]? {
        if let arguments = try functionArguments(text, name: "choice") {
            guard !arguments.isEmpty else { throw SweepError("choice() needs at least one value") }
            return arguments
        }
        if let arguments = try functionArguments(text, name: "range") {
            return try rangeValues(arguments)
        }
        let pieces = try splitTopLevel(text)
        return pieces.count > 1 ? pieces : nil
    }

    /// The comma-separated arguments of `name(...)` when `text` is exactly such a call, else nil.
    static func functionArguments(_ text: String, name: String) throws -> [String]? {
        guard text.hasPrefix(name + "("), text.hasSuffix(")") else { return nil }
        let inner = String(text.dropFirst(name.count + 1).dropLast())
        if inner.trimmingCharacters(in: .whitespaces).isEmpty { return [] }
        // `choice(a),choice(b)` is a top-level list, not one call: the inner text must balance on its own.
        return try splitTopLevel(inner)
    }

    /// Hydra's `range(stop)`, `range(start, stop)` and `range(start, stop, step)`: stop excluded, like Python's.
    ///
    /// Integer arguments give integers; any decimal argument gives decimals (`range(0, 1, 0.25)` is 0.0, 0.25, 0.5, 0.75).
    static func rangeValues(_ arguments: [String]) throws -> [String] {
        guard (1...3).contains(arguments.count) else {
            throw SweepError("range() takes 1 to 3 numbers (stop, or start, stop[, step]), got \(arguments.count)")
        }
        let allIntegers = arguments.allSatisfy { Int($0) != nil }
        if allIntegers {
            let numbers = arguments.map { Int($0)! }
            let (start, stop, step) = numbers.count == 1 ? (0, numbers[0], 1) : (numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 1)
            guard step != 0 else { throw SweepError("range() step must not be zero") }
            guard (Double(stop) - Double(start)) / Double(step) <= 100_000 else { throw SweepError("range(\(arguments.joined(separator: ", "))) has more than 100000 values") }
            let values = Array(stride(from: start, to: stop, by: step)).map(String.init)
            guard !values.isEmpty else { throw SweepError("range(\(arguments.joined(separator: ", "))) is empty") }
            return values
        }
        let numbers = try arguments.map { argument -> Double in
            guard let number = Double(argument), number.isFinite else { throw SweepError("range() argument '\(argument)' is not a number") }
            return number
        }
        let (start, stop, step) = numbers.count == 1 ? (0, numbers[0], 1) : (numbers[0], numbers[1], numbers.count == 3 ? numbers[2] : 1)
        guard step != 0 else { throw SweepError("range() step must not be zero") }
        var values: [String] = []
        var index = 0.0
        while true {
            let value = start + index * step   // no accumulated rounding: the k-th value is start + k * step
            if step > 0 ? value >= stop - abs(step) * 1e-12 : value <= stop + abs(step) * 1e-12 { break }
            values.append(String(value))
            index += 1
            guard values.count <= 100_000 else { throw SweepError("range(\(arguments.joined(separator: ", "))) has more than 100000 values") }
        }
        guard !values.isEmpty else { throw SweepError("range(\(arguments.joined(separator: ", "))) is empty") }
        return values
    }

    /// This axis as one Hydra override that re-expands to the same values: `key=choice(v1,v2,...)`.
    public var hydraOverride: String {
        "\(key)=choice(" + values.joined(separator: ",") + ")"
    }
}
