/// One change to a spec in Hydra's override grammar.
///
/// | text | action |
/// |---|---|
/// | `train.steps=500` | ``Action/set``: change an existing key (error if it is not in the spec) |
/// | `+train.note=hi` | ``Action/add``: add a new key (error if it already exists) |
/// | `++train.steps=500` | ``Action/setOrAdd``: change the key, adding it if needed |
/// | `~train.ema` | ``Action/delete``: remove a key (error if missing) |
/// | `~train.ema=0.999` | ``Action/delete`` with a value: remove it only if it currently equals the value |
///
/// Values are YAML flow values: `1`, `1.0e-3`, `abc`, `"quoted, text"`, `null`, `[1, 2]`, `{name: cfg, scale: 3}`.
public struct Override: Sendable, Equatable {
    /// What an override does to its key.
    public enum Action: Sendable, Equatable {
        /// `key=value`: change a key that exists.
        case set
        /// `+key=value`: add a key that does not exist.
        case add
        /// `++key=value`: change or add.
        case setOrAdd
        /// `~key` or `~key=value`: remove a key.
        case delete
    }

    /// What the override does.
    public var action: Action
    /// The dotted key path, split: `train.optimizer.lr` is `["train", "optimizer", "lr"]`.
    public var keyPath: [String]
    /// The new value (for `.delete`, the value the key must currently have, if given).
    public var value: SpecNode?
    /// Where the override came from, used in errors: `override 'train.steps=500'` or a sweep entry in a file.
    public var location: SpecLocation

    /// Creates an override; most code gets them from ``OverrideParser/parse(_:)``.
    public init(action: Action, keyPath: [String], value: SpecNode?, location: SpecLocation) {
        self.action = action
        self.keyPath = keyPath
        self.value = value
        self.location = location
    }

    /// The key path joined with dots.
    public var key: String { keyPath.joined(separator: ".") }
}
