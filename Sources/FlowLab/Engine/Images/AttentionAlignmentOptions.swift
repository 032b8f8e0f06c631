/// Options of the `haste_attention` alignment term (HASTE, Wang et al. 2025): the cross-entropy between the frozen
/// teacher's attention distributions (`model.teacher`) and the image stream's, for pairs of blocks taken in order from
/// `student_layers` and `teacher_layers` (0-based), weighted `weight`, applied while the step is below `until_step`.
///
/// ```yaml
/// alignment:
///   - {name: repa, weight: 0.5, layer: 1, until_step: 400}
///   - {name: haste_attention, weight: 0.5, student_layers: [1, 2], teacher_layers: [0, 1], until_step: 400}
/// ```
struct AttentionAlignmentOptions: Decodable, Sendable {
    /// The term's weight in the total loss (HASTE's 0.5).
    var weight: Double
    /// The MM-DiT blocks (0-based) whose image attention is aligned; HASTE: blocks 5-8 of SiT-XL (1-based).
    var studentLayers: [Int]
    /// The teacher's blocks (0-based), paired in order with `studentLayers`; HASTE: the teacher's last four.
    var teacherLayers: [Int]
    /// The step from which the term is no longer applied (HASTE's early stop); nil: never stopped.
    var untilStep: Int?

    enum CodingKeys: String, CodingKey {
        case weight, studentLayers = "student_layers", teacherLayers = "teacher_layers", untilStep = "until_step"
    }

    /// Options given directly (tests); the spec decodes them.
    init(weight: Double = 0.5, studentLayers: [Int], teacherLayers: [Int], untilStep: Int? = nil) {
        (self.weight, self.studentLayers, self.teacherLayers, self.untilStep) = (weight, studentLayers, teacherLayers, untilStep)
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        weight = try container.decodeIfPresent(Double.self, forKey: .weight, where: .nonNegative) ?? 0.5
        studentLayers = try container.decode([Int].self, forKey: .studentLayers)
        teacherLayers = try container.decode([Int].self, forKey: .teacherLayers)
        untilStep = try container.decodeIfPresent(Int.self, forKey: .untilStep, where: .nonNegative)
    }

    /// The (student block, teacher block) pairs, in order.
    var pairs: [(student: Int, teacher: Int)] { zip(studentLayers, teacherLayers).map { ($0, $1) } }
}
