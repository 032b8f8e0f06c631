import FlowMatching
import FlowTensor

/// A generated discrete modality (a label, a caption): its mixture path, token source, loss and weight.
struct GeneratedDiscreteModality {
    let name: String
    let path: MixtureDiscreteProbabilityPath
    let source: SourceChoice
    let loss: LossChoice
    let weight: Double

    /// The token source over `vocabularySize` data tokens (the mask, when there is one, is token `vocabularySize`).
    func tokenSource(vocabularySize: Int) -> any DiscreteSource {
        source.discreteSource(vocabularySize: vocabularySize)
    }

    /// Token ids a state of this modality may hold: the data's, plus the mask token when the source is a mask.
    func stateVocabulary(dataVocabulary: Int) -> Int {
        if case .mask = source.base { return dataVocabulary + 1 }
        return dataVocabulary
    }

    /// The token loss of `logits` (`[B, L, V]`) for clean tokens `x1` at the path's state `xt` and times `t`.
    func tokenLoss(logits: Tensor, x1: DiscreteState, xt: DiscreteState, t: Tensor) -> Tensor {
        switch loss {
        case .generalizedKL: return MixturePathGeneralizedKL(path: path)(logits: logits, x1: x1, xt: xt, t: t)
        default: return PosteriorCrossEntropyLoss()(logits: logits, x1: x1)
        }
    }
}
