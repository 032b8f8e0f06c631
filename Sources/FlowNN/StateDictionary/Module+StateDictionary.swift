import FlowTensor

extension Module {
    /// The parameters as a flat `dotted.name → tensor` map (tensors share storage with the parameters).
    public func stateDict() -> [String: Tensor] {
        Dictionary(allNamedParameters().map { ($0.name, $0.tensor.detached()) }, uniquingKeysWith: { first, _ in first })
    }

    /// Copies the tensors of `state` into the parameters of the same names, in place (converting dtype).
    ///
    /// Nothing is written unless everything fits. Mis-shaped tensors are always an error; with `strict`
    /// (the default) so are parameters missing from `state` and names in `state` the module does not have.
    /// The thrown `StateDictionaryError` lists all of them.
    public func loadStateDict(_ state: [String: Tensor], strict: Bool = true) throws {
        let parameters = allNamedParameters()
        let expected = Dictionary(parameters.map { ($0.name, $0.tensor.shape) }, uniquingKeysWith: { first, _ in first })
        try StateDictionaryError.check(expected: expected, given: state.mapValues(\.shape), strict: strict,
                                       context: "state dictionary")
        for (name, parameter) in parameters {
            guard let tensor = state[name] else { continue }
            parameter.assign(tensor.converted(to: parameter.dtype))
        }
    }
}
