import FlowModels
import FlowNN
import FlowTensor

/// The trained part of a FlowTok text-to-image flow: the velocity network, the text projector (trained jointly,
/// optionally warm-started from a `flowtok_text` stage) and the text-alignment head.
///
/// Parameters: `dit.*` (``FlowTokDiT``), `projector.*` (``TextProjector``), `alignment.*` (``TextAlignment``).
public final class FlowTokFlowModel: Module {
    /// The velocity network over `[L, d]` tokens.
    public let dit: FlowTokDiT
    /// The text projector (MiniLM states → `z_T`).
    public let projector: TextProjector
    /// The text-alignment head.
    public let alignment: TextAlignment

    /// The flow model of these parts.
    public init(dit: FlowTokDiT, projector: TextProjector, alignment: TextAlignment) {
        self.dit = dit
        self.projector = projector
        self.alignment = alignment
    }
}
