import FlowTensor

/// A neural-network layer or model: parameters and child modules, found by reflection over stored properties.
///
/// Subclasses store their parameters as `Tensor` properties and their sub-layers as `Module` properties
/// (or optionals, arrays and string-keyed dictionaries of them), and define `callAsFunction`. Names are
/// dotted paths built from property names, array indices and dictionary keys, as in PyTorch
/// (`blocks.3.attn.qkv.weight`); `checkpointKeys` renames a property where a checkpoint uses another name.
///
/// ```swift
/// final class Classifier: Module {
///     let body: MLP
///     let head: Linear
///     override class var checkpointKeys: [String: String] { ["body": "mlp"] }
///     init(generator: inout RandomGenerator) {
///         body = MLP(inputWidth: 2, hiddenWidth: 64, generator: &generator)
///         head = Linear(2, 3, generator: &generator)
///     }
///     func callAsFunction(_ x: Tensor) -> Tensor { head(body(x)) }
/// }
/// // namedParameters(): mlp.fc1.weight, mlp.fc1.bias, mlp.fc2.weight, mlp.fc2.bias, head.weight, head.bias
/// ```
///
/// Every stored `Tensor` is a parameter (a constant such as a fixed positional table is a parameter with
/// `requiresGrad == false`, like a frozen `nn.Parameter`). Other stored values are ignored.
open class Module {
    /// Whether the module is in training mode (`train()`, the default) or evaluation mode (`eval()`).
    public private(set) var isTraining = true

    /// An empty module.
    public init() {}

    /// Checkpoint names for stored properties whose Swift name differs: property name → key.
    ///
    /// An empty key splices the property's entries into this module's namespace, so an array
    /// property `layers` yields `0.weight`, `1.weight`, ... (PyTorch's `nn.Sequential`).
    open class var checkpointKeys: [String: String] { [:] }

    /// Sets training mode (`true`) or evaluation mode (`false`) on this module and every descendant.
    public func train(_ mode: Bool = true) {
        for (_, module) in namedModules() { module.isTraining = mode }
    }

    /// Sets evaluation mode on this module and every descendant (the same as `train(false)`).
    public func eval() { train(false) }
}
