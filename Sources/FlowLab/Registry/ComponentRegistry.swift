/// Maps component names to factories, per kind, so a spec can pick components by name.
///
/// Adding a component is one options type plus one registration. `make` decodes the component's
/// options strictly (unknown option keys, wrong types and ranges are located ``SpecError``s) and an
/// unknown name is an error listing the registered names of that kind.
///
/// ```swift
/// struct PolynomialOptions: Decodable, Sendable { var n: Double }
/// var registry = ComponentRegistry()
/// registry.register(.scheduler, "polynomial", options: PolynomialOptions.self) { PolynomialScheduler(n: $0.n) }
/// registry.register(.scheduler, "cosine") { CosineScheduler() }
///
/// let spec = try ExperimentSpec.load(file: "Experiments/modecollapse.yaml")
/// try registry.validate(spec)                       // every name known, every option valid
/// let scheduler = try registry.make(Scheduler.self, .scheduler, from: spec.modalities[0].scheduler)
/// ```
public struct ComponentRegistry: Sendable {
    private struct Entry: Sendable {
        let productType: String
        let options: @Sendable () -> [ComponentOption]
        let decodeOptions: @Sendable (ComponentSpec) throws -> Void
        let make: @Sendable (ComponentSpec) throws -> Any
    }

    private var entries: [ComponentKind: [String: Entry]] = [:]
    private var descriptions: [String: String] = [:]

    /// An empty registry.
    public init() {}

    /// Registers `name` of `kind`: its options decode into `Options`, and `make` builds the product.
    ///
    /// Registering the same kind and name twice is a programmer error.
    public mutating func register<Options: Decodable & Sendable, Product>(
        _ kind: ComponentKind, _ name: String, options: Options.Type,
        make: @escaping @Sendable (Options) throws -> Product
    ) {
        precondition(entries[kind]?[name] == nil, "\(kind) '\(name)' is registered twice")
        let decode: @Sendable (ComponentSpec) throws -> Options = { component in
            try SpecDecoder.decode(Options.self, from: component.options, keyPath: component.keyPath)
        }
        entries[kind, default: [:]][name] = Entry(
            productType: "\(Product.self)",
            options: { OptionsIntrospection.describe(Options.self) },
            decodeOptions: { _ = try decode($0) },
            make: { try make(decode($0)) }
        )
    }

    /// Registers `name` of `kind` that takes no options.
    public mutating func register<Product>(_ kind: ComponentKind, _ name: String, make: @escaping @Sendable () throws -> Product) {
        register(kind, name, options: NoOptions.self) { _ in try make() }
    }

    /// Sets the one-line description `flowlab components` shows for `kind` `name` (the standard ones have theirs already).
    public mutating func describe(_ kind: ComponentKind, _ name: String, as description: String) {
        descriptions[kind.rawValue + "/" + name] = description
    }

    /// The kinds that have registered components, in the order a spec is usually read (data, model, paths, ..., metrics).
    public var kinds: [ComponentKind] {
        let preferred: [ComponentKind] = [.dataset, .model, .path, .scheduler, .source, .timeSampler, .loss, .alignment,
                                          .solver, .guidance, .metric]
        let present = Set(entries.keys)
        return preferred.filter(present.contains) + present.subtracting(preferred).sorted { $0.rawValue < $1.rawValue }
    }

    /// Every component of `kind`, sorted by name, with its description and options (found from its options decoder).
    public func components(of kind: ComponentKind) -> [ComponentInfo] {
        names(of: kind).map { name in
            let key = kind.rawValue + "/" + name
            return ComponentInfo(name: name, description: descriptions[key] ?? ComponentDescriptions.standard[key],
                                 options: entries[kind]![name]!.options())
        }
    }

    /// The registered names of `kind`, sorted.
    public func names(of kind: ComponentKind) -> [String] {
        (entries[kind] ?? [:]).keys.sorted()
    }

    /// Builds the component `component` names, as a `Product`.
    public func make<Product>(_ type: Product.Type, _ kind: ComponentKind, from component: ComponentSpec) throws -> Product {
        let entry = try self.entry(kind, component)
        guard let product = try entry.make(component) as? Product else {
            throw SpecError(location: component.location, keyPath: component.keyPath,
                            message: "\(kind) '\(component.name)' makes \(entry.productType), not \(Product.self)")
        }
        return product
    }

    /// Checks that `component` names a registered `kind` and that its options decode, without building it.
    public func validate(_ component: ComponentSpec, as kind: ComponentKind) throws {
        try entry(kind, component).decodeOptions(component)
    }

    /// Checks every component of `spec` (names and options), in spec order, then the rules that combine
    /// components, for the spec and each variant (`validateCombinations`); all errors are reported together.
    public func validate(_ spec: ExperimentSpec) throws {
        var collector = SpecErrorCollector()
        for (kind, component) in spec.components {
            try collector.attempt { try validate(component, as: kind) }
        }
        try collector.attempt { try validateCombinations(spec) }
        try collector.throwIfAny()
    }

    private func entry(_ kind: ComponentKind, _ component: ComponentSpec) throws -> Entry {
        if let entry = entries[kind]?[component.name] { return entry }
        let names = self.names(of: kind)
        let registered = names.isEmpty ? "no \(kind) components are registered" : "registered: \(names.joined(separator: ", "))"
        throw SpecError(location: component.location, keyPath: component.keyPath,
                        message: "unknown \(kind) '\(component.name)'; \(registered)\(Suggestions.didYouMean(component.name, among: names))")
    }
}
