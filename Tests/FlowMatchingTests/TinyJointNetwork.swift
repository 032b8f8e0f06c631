import FlowTensor
import Foundation
@testable import FlowMatching

/// A two-hidden-layer MLP over `[point (2), one-hot token (V), t]` returning `[velocity (2), logits (V)]`,
/// with a hand-written Adam: just enough network for the joint toy test, independent of FlowNN.
final class TinyJointNetwork: JointModel {
    let vocabulary: Int
    var parameters: [Tensor]
    private var firstMoments: [[Double]]
    private var secondMoments: [[Double]]
    private var step = 0

    init(vocabulary: Int, width: Int, generator: inout RandomGenerator) {
        self.vocabulary = vocabulary
        let sizes = [(2 + vocabulary + 1, width), (width, width), (width, 2 + vocabulary)]
        parameters = sizes.flatMap { fanIn, fanOut -> [Tensor] in
            let weight = generator.normalTensor([fanIn, fanOut]) * (1 / Double(fanIn).squareRoot())
            return [weight.detached(), Tensor.zeros([fanOut])]
        }
        for parameter in parameters { parameter.requiresGrad = true }
        firstMoments = parameters.map { Array(repeating: 0, count: $0.count) }
        secondMoments = firstMoments
    }

    /// Velocity and logits `[B, 1, V]` for points `[B, 2]`, one token per row, and times `[B]`.
    func callAsFunction(continuous: Tensor, discrete: DiscreteState, t: Tensor, conditionDropped: [Bool]) -> JointPrediction {
        let batch = continuous.shape[0]
        var tokens = Tensor.oneHot(discrete.tokens, width: vocabulary).doubles
        for row in 0..<batch where conditionDropped[row] {
            for column in 0..<vocabulary { tokens[row * vocabulary + column] = 0 }
        }
        let input = Tensor.concatenate([continuous.converted(to: .float32),
                                        Tensor(shape: [batch, vocabulary], scalars: tokens.map { Float($0) }),
                                        t.converted(to: .float32).reshaped([batch, 1])], axis: 1)
        var hidden = input
        for layer in 0..<3 {
            hidden = Tensor.matmul(hidden, parameters[2 * layer]) + parameters[2 * layer + 1]
            if layer < 2 { hidden = hidden.silu() }
        }
        let (velocity, logits) = (hidden.slice(axis: 1, 0..<2), hidden.slice(axis: 1, 2..<(2 + vocabulary)))
        return JointPrediction(velocity: velocity.converted(to: continuous.dtype), logits: logits.reshaped([batch, 1, vocabulary]))
    }

    /// One Adam step on the accumulated gradients, which it then clears.
    func adamStep(learningRate: Double, beta1: Double = 0.9, beta2: Double = 0.999, epsilon: Double = 1e-8) {
        step += 1
        let correction1 = 1 - pow(beta1, Double(step)), correction2 = 1 - pow(beta2, Double(step))
        for (index, parameter) in parameters.enumerated() {
            guard let gradient = parameter.grad?.doubles else { continue }
            parameter.withUnsafeMutableBuffer(Float.self) { values in
                for i in 0..<values.count {
                    firstMoments[index][i] = beta1 * firstMoments[index][i] + (1 - beta1) * gradient[i]
                    secondMoments[index][i] = beta2 * secondMoments[index][i] + (1 - beta2) * gradient[i] * gradient[i]
                    let update = (firstMoments[index][i] / correction1) / ((secondMoments[index][i] / correction2).squareRoot() + epsilon)
                    values[i] -= Float(learningRate * update)
                }
            }
            parameter.grad = nil
        }
    }
}
