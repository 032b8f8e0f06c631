import FlowTensor

extension Module {
    /// Child modules held directly, with their keys, in declaration order.
    public func children() -> [(name: String, module: Module)] {
        directEntries().compactMap { key, entry in
            if case .module(let module) = entry { return (key, module) }
            return nil
        }
    }

    /// This module (named "") and every descendant, depth first in declaration order.
    public func namedModules() -> [(name: String, module: Module)] {
        var result: [(name: String, module: Module)] = [("", self)]
        for (key, child) in children() {
            result += child.namedModules().map { (joinedKey(key, $0.name), $0.module) }
        }
        return result
    }

    /// Every parameter with its dotted name, in a stable order (declaration order, depth first).
    ///
    /// A tensor reachable under several names (tied weights) is listed once, under its first name.
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        var seen: Set<ObjectIdentifier> = []
        return allNamedParameters().filter { seen.insert(ObjectIdentifier($0.tensor)).inserted }
    }

    /// Every parameter under every name, duplicates included (what a state dictionary holds).
    func allNamedParameters() -> [(name: String, tensor: Tensor)] {
        directEntries().flatMap { key, entry -> [(name: String, tensor: Tensor)] in
            switch entry {
            case .parameter(let tensor): return [(key, tensor)]
            case .module(let module): return module.allNamedParameters().map { (joinedKey(key, $0.name), $0.tensor) }
            }
        }
    }

    /// Every parameter, in the order of `namedParameters()`.
    public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    /// The parameters an optimizer should update: those with `requiresGrad` (not frozen).
    public func trainableParameters() -> [(name: String, tensor: Tensor)] {
        namedParameters().filter { $0.tensor.requiresGrad }
    }

    /// The number of scalars in all parameters.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

    /// Freezes every parameter of this module and its descendants: no gradients, left out of `trainableParameters()`.
    public func freeze() {
        for tensor in parameters() {
            tensor.requiresGrad = false
            tensor.grad = nil
        }
    }

    /// Makes every parameter of this module and its descendants trainable again.
    public func unfreeze() {
        for tensor in parameters() { tensor.requiresGrad = true }
    }

    /// Clears the accumulated gradient of every parameter.
    public func zeroGradients() {
        for tensor in parameters() { tensor.grad = nil }
    }
}
