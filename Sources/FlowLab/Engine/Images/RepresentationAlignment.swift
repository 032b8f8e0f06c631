import FlowModels
import FlowNN
import FlowTensor

/// A `repa` alignment term checked against its spec (REFERENCE.md §6): the options and the teacher's feature width.
///
/// `L_repa = mean_b mean_n −cos(y_n, h_φ(h_n))`, with `h_n` the image stream's hidden state of token n after MM-DiT
/// block `layer` (`features["block.layer"]`), `h_φ` the model's projector `projectors.0`, and `y_n` the frozen
/// teacher's patch feature n of the *clean* image x₁ (`ImageTokenizerEncoder.patchFeatures`, no gradient). The
/// total loss gains `weight · L_repa` while `step < until_step` (HASTE's early stop), logged as `loss_repa`.
struct RepresentationAlignment: Sendable {
    /// The term's options.
    let options: RepaOptions
    /// The projector's output width: the teacher's feature width.
    let teacherWidth: Int

    /// The `repa` term `term` checked against the image flow `model` and its teacher (nil when the teacher could not
    /// be set up, already reported); every problem is recorded in `collector` as a located error.
    static func check(term: ComponentSpec, registry: ComponentRegistry, model: CrossFlowsFlowOptions, teacher: AlignmentTeacher?,
                      into collector: inout SpecErrorCollector) throws -> RepresentationAlignment? {
        guard let options = try collector.attempt({ try registry.make(RepaOptions.self, .alignment, from: term) }) else { return nil }
        if options.layer >= model.imageDepth {
            collector.record(SpecError(location: term.options["layer"]?.location ?? term.location, keyPath: term.keyPath + ".layer",
                                       message: "block \(options.layer) does not exist: the image flow has \(model.imageDepth) MM-DiT blocks (layer 0...\(model.imageDepth - 1))"))
            return nil
        }
        return teacher.map { RepresentationAlignment(options: options, teacherWidth: $0.width) }
    }

    /// Whether the term applies at training step `step` (before `until_step`).
    func isActive(step: Int) -> Bool { options.untilStep.map { step < $0 } ?? true }

    /// `mean_b mean_n −cos(y_n, projector(h_n))` for hidden states `hidden` (`[B, N, width]`) and teacher features
    /// `teacher` (`[B, N, D]`, treated as constants).
    static func loss(hidden: Tensor, projector: Sequential, teacher: Tensor) -> Tensor {
        let projected = projector(hidden)
        let target = teacher.detached()
        let dot = (projected * target).sum(axes: [-1])
        let norms = ((projected.squared().sum(axes: [-1]) + 1e-12) * (target.squared().sum(axes: [-1]) + 1e-12)).sqrt()
        return -(dot / norms).mean()
    }
}
