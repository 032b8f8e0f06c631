import FlowTensor

extension AdamW {
    /// The optimizer's state for checkpoints: `<name>.exp_avg`, `<name>.exp_avg_sq` and `<name>.step`
    /// (a float64 scalar) for every parameter that has taken a step (PyTorch's state names).
    public func optimizerState() -> [String: Tensor] {
        var state: [String: Tensor] = [:]
        for (name, _) in parameters {
            guard let step = steps[name], let first = firstMoments[name], let second = secondMoments[name] else { continue }
            state[name + ".exp_avg"] = first.copy()
            state[name + ".exp_avg_sq"] = second.copy()
            state[name + ".step"] = Tensor(Double(step), dtype: .float64)
        }
        return state
    }

    /// Restores state written by `optimizerState()`, replacing the current state.
    ///
    /// Throws `StateDictionaryError` listing every unknown key, incomplete entry and mis-shaped moment.
    public func load(_ state: [String: Tensor]) throws {
        let shapes = Dictionary(uniqueKeysWithValues: parameters.map { ($0.name, $0.tensor.shape) })
        let suffixes = [".exp_avg_sq", ".exp_avg", ".step"]
        var names: Set<String> = []
        var error = StateDictionaryError(context: "optimizer state")
        for key in state.keys {
            guard let suffix = suffixes.first(where: { key.hasSuffix($0) }),
                  shapes[String(key.dropLast(suffix.count))] != nil else {
                error.unexpected.append(key)
                continue
            }
            names.insert(String(key.dropLast(suffix.count)))
        }
        for name in names.sorted() {
            for suffix in suffixes where state[name + suffix] == nil { error.missing.append(name + suffix) }
            for suffix in [".exp_avg", ".exp_avg_sq"] {
                if let tensor = state[name + suffix], tensor.shape != shapes[name]! {
                    error.mismatched.append(.init(name: name + suffix, expected: shapes[name]!, found: tensor.shape))
                }
            }
            if let step = state[name + ".step"], step.count != 1 {
                error.mismatched.append(.init(name: name + ".step", expected: [], found: step.shape))
            }
        }
        guard error.isEmpty else { throw error.sorted() }
        firstMoments = [:]
        secondMoments = [:]
        steps = [:]
        for (name, parameter) in parameters where names.contains(name) {
            firstMoments[name] = state[name + ".exp_avg"]!.converted(to: parameter.dtype).copy()
            secondMoments[name] = state[name + ".exp_avg_sq"]!.converted(to: parameter.dtype).copy()
            steps[name] = Int(state[name + ".step"]!.item)
        }
    }
}
