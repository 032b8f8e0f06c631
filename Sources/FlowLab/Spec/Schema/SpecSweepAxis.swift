/// One axis of a sweep: a key path and the values it takes (sweeps are the Cartesian product of axes).
///
/// ```yaml
/// sweep:
///   train.optimizer.lr: [1.0e-3, 3.0e-3]
///   +train.grad_clip: [0.5, 1.0]     # Hydra prefixes work here too
/// ```
public struct SpecSweepAxis: Sendable {
    /// The key as written, with an optional `+`/`++` prefix: `train.optimizer.lr`.
    public var key: String
    /// The values, in order.
    public var values: [SpecNode]
    /// Where the key was written.
    public var location: SpecLocation

    /// One override per value, to apply with ``ExperimentSpec/applying(_:)``.
    public func overrides() throws -> [Override] {
        var text = Substring(key), action = Override.Action.set
        if text.hasPrefix("++") {
            action = .setOrAdd; text = text.dropFirst(2)
        } else if text.hasPrefix("+") {
            action = .add; text = text.dropFirst()
        }
        let keyPath = try OverrideParser.parseKeyPath(String(text), location: location)
        return values.map { Override(action: action, keyPath: keyPath, value: $0, location: location) }
    }
}

extension SpecSweepAxis: Equatable {
    /// Equal keys and values; locations do not count.
    public static func == (lhs: SpecSweepAxis, rhs: SpecSweepAxis) -> Bool {
        lhs.key == rhs.key && lhs.values == rhs.values
    }
}
