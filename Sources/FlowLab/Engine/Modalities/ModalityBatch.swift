import FlowMatching
import FlowTensor

/// A batch, a flow state or a condition, keyed by modality name: the one currency between data, objective and model.
///
/// ```swift
/// var state = ModalityBatch()
/// state["image"] = .continuous(xt)                      // [B, 32, 32, 3]
/// state["caption"] = .discrete(DiscreteState(tokens: ids, shape: [B, 16]))
/// let prediction = network.predict(state, t: t)         // prediction.velocities["image"]
/// ```
struct ModalityBatch {
    /// The values by modality name.
    var values: [String: ModalityValue] = [:]
    /// Per condition modality, the rows where the networks generating OTHER modalities see its null value instead
    /// (condition dropout, the unconditional half of classifier-free guidance); the modality's own flow still reads
    /// its real state. Absent: no row dropped.
    var dropped: [String: [Bool]] = [:]

    subscript(name: String) -> ModalityValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// The tensor of continuous modality `name`; a missing or discrete one is a programming error.
    func tensor(_ name: String) -> Tensor {
        guard case .continuous(let tensor)? = values[name] else { preconditionFailure("no continuous modality '\(name)' in the batch") }
        return tensor
    }

    /// The tokens of discrete modality `name`; a missing or continuous one is a programming error.
    func tokens(_ name: String) -> DiscreteState {
        guard case .discrete(let state)? = values[name] else { preconditionFailure("no discrete modality '\(name)' in the batch") }
        return state
    }
}
