/// One recorded operation: its inputs and how to turn the output's gradient into theirs.
final class GradientNode {
    let inputs: [Tensor]
    /// Maps the gradient of the output to one gradient per input (`nil` where an input needs none).
    let backward: (Tensor) -> [Tensor?]

    init(inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) {
        self.inputs = inputs
        self.backward = backward
    }
}

extension Tensor {
    /// Whether this tensor takes part in a graph that needs gradients.
    var needsGradient: Bool { requiresGrad || gradientNode != nil }

    /// Attaches the backward rule to `result` when gradients are being recorded and some input needs them.
    ///
    /// `result` owns the node and so the closure: a closure that needs `result` must capture it `unowned`. A strong
    /// capture is a reference cycle that only `backward` breaks, so a branch the loss does not reach (an unused
    /// output, such as a pooled caption vector beside the context) would leak with everything it holds, every step.
    @discardableResult
    func record(_ result: Tensor, inputs: [Tensor], backward: @escaping (Tensor) -> [Tensor?]) -> Tensor {
        guard GradientMode.isEnabled, inputs.contains(where: { $0.needsGradient }) else { return result }
        result.gradientNode = GradientNode(inputs: inputs, backward: backward)
        return result
    }

    /// Back-propagates from this tensor, accumulating into `grad` of every leaf that requires it.
    ///
    /// `gradient` defaults to ones (so a scalar loss needs no argument). Gradients accumulate across calls,
    /// as in PyTorch; clear them with `grad = nil` (optimizers do). The graph is released afterwards.
    public func backward(gradient: Tensor? = nil) {
        let seed = gradient ?? Tensor.ones(shape, dtype: dtype)
        precondition(seed.shape == shape, "backward: gradient shape \(seed.shape) differs from \(shape)")
        let order = topologicalOrder()
        var gradients: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        withNoGradient {
            for tensor in order.reversed() {
                guard let outputGradient = gradients.removeValue(forKey: ObjectIdentifier(tensor)) else { continue }
                guard let node = tensor.gradientNode else {
                    if tensor.requiresGrad {
                        tensor.grad = tensor.grad.map { $0 + outputGradient } ?? outputGradient.copy()
                    }
                    continue
                }
                let inputGradients = node.backward(outputGradient)
                for (input, inputGradient) in zip(node.inputs, inputGradients) {
                    guard let inputGradient, input.needsGradient else { continue }
                    precondition(inputGradient.shape == input.shape,
                                 "gradient shape \(inputGradient.shape) for input of shape \(input.shape)")
                    let key = ObjectIdentifier(input)
                    gradients[key] = gradients[key].map { $0 + inputGradient } ?? inputGradient
                }
                if tensor.requiresGrad {
                    tensor.grad = tensor.grad.map { $0 + outputGradient } ?? outputGradient.copy()
                }
            }
        }
        for tensor in order { tensor.gradientNode = nil }
    }

    /// Tensors of the graph ending here, inputs before outputs.
    private func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited: Set<ObjectIdentifier> = []
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (tensor, expanded) = stack.popLast() {
            if expanded { order.append(tensor); continue }
            guard visited.insert(ObjectIdentifier(tensor)).inserted else { continue }
            stack.append((tensor, true))
            for input in tensor.gradientNode?.inputs ?? [] where input.needsGradient
                && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }
}
