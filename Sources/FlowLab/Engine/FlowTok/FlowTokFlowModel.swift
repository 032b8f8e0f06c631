import FlowModels
import FlowNN
import FlowTensor

/// The trained part of a FlowTok text-to-image flow: the velocity network, the text projector (trained jointly,
/// optionally warm-started from a `flowtok_text` stage) and the text-alignment head.
///
/// Parameters: `dit.*` (``FlowTokDiT``), `projector.*` (``TextProjector``), `alignment.*` (``TextAlignment``).
final class FlowTokFlowModel: Module {
    let dit: FlowTokDiT
    let projector: TextProjector
    let alignment: TextAlignment

    init(dit: FlowTokDiT, projector: TextProjector, alignment: TextAlignment) {
        self.dit = dit
        self.projector = projector
        self.alignment = alignment
    }
}
