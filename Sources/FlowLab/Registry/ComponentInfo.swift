/// A registered component as `flowlab components` lists it: its name, what it is, and its options.
public struct ComponentInfo: Sendable {
    /// The name a spec uses, e.g. `polynomial`.
    public let name: String
    /// A one-line description, or nil when none was given.
    public let description: String?
    /// The options its spec entry accepts, in the order they are decoded.
    public let options: [ComponentOption]
}
