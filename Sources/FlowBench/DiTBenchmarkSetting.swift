import Foundation
import FlowModels

/// What the DiT benchmarks time: the model, the training batch and optimizer, and the guided sampling.
///
/// The default of `make bench` is `DiTBenchmarks.shapesTextToImage`. Both sides build the model from this:
/// FlowLab's `DiT(configuration: model)`, PyTorch's `Scripts/reference/dit_model.py` through `pythonArguments`.
struct DiTBenchmarkSetting {
    /// The DiT (label or caption conditioning; PyTorch's reference has no unconditional variant).
    var model: DiTConfiguration
    /// Images per training step, and images sampled per sampling run.
    var batch: Int
    /// AdamW's learning rate in the training step.
    var learningRate: Double
    /// AdamW's decoupled weight decay in the training step.
    var weightDecay: Double
    /// Euler steps of one sampling run.
    var samplingSteps: Int
    /// The classifier-free guidance scale w of `v = v_null + w (v_cond - v_null)`; each guided step evaluates the
    /// conditional and the null-condition batch as one forward pass on 2 · batch images (1: the conditional alone).
    var guidanceScale: Double

    /// Tokens per image.
    var tokens: Int { model.tokens }

    /// Images per forward pass while sampling: the conditional and null batches together when guided.
    var samplingForwardBatch: Int { guidanceScale == 1 ? batch : 2 * batch }

    /// Whether both sides can build this model (PyTorch's reference needs a label or caption embedder).
    var problems: [String] {
        if case .none = model.conditioning { return ["the PyTorch reference DiT needs label or caption conditioning"] }
        return model.problems
    }

    /// The arguments that make `Scripts/bench/dit_bench.py` build the same model and run the same step and sampling.
    var pythonArguments: [String] {
        var arguments = ["--batch", String(batch), "--image-size", String(model.imageSize), "--channels", String(model.channels),
                         "--patch", String(model.patchSize), "--width", String(model.width), "--depth", String(model.depth),
                         "--heads", String(model.heads), "--mlp-ratio", String(model.mlpRatio),
                         "--learning-rate", String(learningRate), "--weight-decay", String(weightDecay),
                         "--sampling-steps", String(samplingSteps), "--guidance-scale", String(guidanceScale)]
        switch model.conditioning {
        case .none: break
        case .classLabels(let count): arguments += ["--conditioning", "labels", "--classes", String(count)]
        case .captions(let vocabulary, let length, let crossAttention):
            arguments += ["--conditioning", "captions", "--vocabulary", String(vocabulary), "--caption-length", String(length)]
            if crossAttention { arguments.append("--cross-attention") }
        case .textEmbeddings:
            preconditionFailure("the PyTorch DiT baseline has no frozen-text-encoder conditioning; benchmark captions instead")
        }
        return arguments
    }

    /// One line naming the sizes, for the benchmark's output.
    var summary: String {
        let conditioning: String
        switch model.conditioning {
        case .none: conditioning = "no conditioning"
        case .classLabels(let count): conditioning = "\(count) classes"
        case .captions(let vocabulary, let length, let crossAttention):
            conditioning = "captions of \(length) tokens over \(vocabulary) words" + (crossAttention ? " with cross-attention" : "")
        case .textEmbeddings(let width, let length, let crossAttention):
            conditioning = "text-encoder features [\(length), \(width)]" + (crossAttention ? " with cross-attention" : "")
        }
        return "\(model.imageSize)x\(model.imageSize)x\(model.channels) images, patch \(model.patchSize) (\(tokens) tokens), "
            + "width \(model.width), depth \(model.depth), \(model.heads) heads, MLP x\(String(format: "%g", model.mlpRatio)), "
            + conditioning
    }
}
