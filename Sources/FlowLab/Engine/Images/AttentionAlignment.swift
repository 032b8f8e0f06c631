import FlowModels
import FlowNN
import FlowTensor

/// A `haste_attention` alignment term checked against its spec (REFERENCE.md §6 and §10, HASTE's attention term).
///
/// ```
/// L_attn = 1/|pairs| Σ_(l, m) mean_{b, h, q} [ −Σ_k softmax(A_teacher^m)_qk · log softmax(A_student^l)_qk ]
/// ```
/// with `A` the pre-softmax attention logits `q kᵀ / √d`, for each pair (student block l, teacher block m) taken in
/// order from `student_layers` and `teacher_layers`. The teacher (`ImageTokenizerEncoder`, frozen, on the *clean*
/// image x₁, no gradient) contributes its patch tokens only: its latent tokens (the tokenizer's analogue of HASTE's
/// CLS token) are dropped from queries and keys. The student is the MM-DiT's joint attention restricted to image-patch
/// queries and image-patch keys: the text keys are dropped and the image-to-image block is renormalised (a softmax
/// over the image keys alone). Both grids are the same row-major patch grid (checked by ``AlignmentTeacher``).
///
/// Heads: with as many teacher heads as student heads, head h is paired with head h (HASTE). With different counts,
/// every student head is aligned with the teacher's head-averaged distribution `mean_h softmax(A_teacher)`.
///
/// The total loss gains `weight · L_attn` while `step < until_step` (HASTE's early stop), logged as `loss_haste`;
/// its floor, the teacher distributions' mean entropy over the same pairs (`L_attn` minus it is the KL divergence, the
/// part the student can learn), is logged as `haste_teacher_entropy`.
struct AttentionAlignment: Sendable {
    /// The term's options.
    let options: AttentionAlignmentOptions

    /// The student blocks whose attention logits the term reads.
    var studentBlocks: Set<Int> { Set(options.studentLayers) }
    /// The teacher blocks whose attention logits the term reads.
    var teacherBlocks: Set<Int> { Set(options.teacherLayers) }

    /// The `haste_attention` term `term` checked against the image flow `model` and its teacher `teacher` (block indices
    /// of the teacher are checked when it could be set up); every problem is recorded in `collector` as a located error.
    static func check(term: ComponentSpec, registry: ComponentRegistry, model: CrossFlowsFlowOptions, teacher: AlignmentTeacher?,
                      into collector: inout SpecErrorCollector) throws -> AttentionAlignment? {
        guard let options = try collector.attempt({ try registry.make(AttentionAlignmentOptions.self, .alignment, from: term) }) else {
            return nil
        }
        var usable = true
        func report(_ key: String, _ message: String) {
            collector.record(SpecError(location: term.options[key]?.location ?? term.location, keyPath: term.keyPath + "." + key,
                                       message: message))
            usable = false
        }
        if options.studentLayers.isEmpty {
            report("student_layers", "give at least one MM-DiT block to align (0...\(model.imageDepth - 1))")
        }
        if options.teacherLayers.count != options.studentLayers.count {
            report("teacher_layers", "\(options.teacherLayers.count) teacher blocks for \(options.studentLayers.count) student blocks: the lists are paired in order, so give as many teacher_layers as student_layers")
        }
        if let bad = options.studentLayers.first(where: { !(0..<model.imageDepth).contains($0) }) {
            report("student_layers", "block \(bad) does not exist: the image flow has \(model.imageDepth) MM-DiT blocks (0...\(model.imageDepth - 1))")
        }
        if let teacher, let bad = options.teacherLayers.first(where: { !(0..<teacher.depth).contains($0) }) {
            report("teacher_layers", "block \(bad) does not exist: \(teacher.description) has \(teacher.depth) encoder blocks (0...\(teacher.depth - 1))")
        }
        return usable && teacher != nil ? AttentionAlignment(options: options) : nil
    }

    /// Whether the term applies at training step `step` (before `until_step`).
    func isActive(step: Int) -> Bool { options.untilStep.map { step < $0 } ?? true }

    /// `mean_{b, h, q} −Σ_k softmax(teacher)_qk log softmax(student)_qk` for teacher logits `teacher`
    /// (`[B, H_teacher, N, N]`, treated as constants) and student logits `student` (`[B, H_student, N, N]`); with
    /// different head counts the teacher's distributions are averaged over its heads first.
    static func crossEntropy(teacher: Tensor, student: Tensor) -> Tensor {
        precondition(teacher.rank == 4 && student.rank == 4 && teacher.shape[0] == student.shape[0]
                     && teacher.shape[2...] == student.shape[2...],
                     "attention alignment: teacher \(teacher.shape) and student \(student.shape) are not [B, heads, N, N] on one grid")
        var target = teacher.detached().softmax()
        if teacher.shape[1] != student.shape[1] {
            target = target.mean(axes: [1], keepDims: true)
        }
        return -(target * student.logSoftmax()).sum(axes: [-1]).mean()
    }

    /// `L_attn`: the mean of `crossEntropy` over the pairs, teacher logits by teacher block and student logits by
    /// student block.
    func loss(teacher: [Int: Tensor], student: [Int: Tensor]) -> Tensor {
        let terms = options.pairs.map { pair in
            Self.crossEntropy(teacher: teacher[pair.teacher]!, student: student[pair.student]!)
        }
        return terms.dropFirst().reduce(terms[0], +) * (1 / Double(terms.count))
    }

    /// The floor of `loss` for teacher logits `teacher` and `studentHeads` student heads: the mean over the pairs of
    /// `mean_{b, h, q} −Σ_k p_qk log p_qk` for the target distributions p (head-averaged when the head counts differ).
    func teacherEntropy(teacher: [Int: Tensor], studentHeads: Int) -> Double {
        withNoGradient {
            let entropies = options.pairs.map { pair -> Double in
                let logits = teacher[pair.teacher]!
                var target = logits.softmax()
                if logits.shape[1] != studentHeads { target = target.mean(axes: [1], keepDims: true) }
                return -(target * (target + 1e-30).log()).sum(axes: [-1]).mean().item
            }
            return entropies.reduce(0, +) / Double(entropies.count)
        }
    }
}
