/// Options of the ODE solvers.
struct SolverOptions: Decodable, Sendable {
    /// The discrete rule, `euler` (default) or `jump_schedule`; `jump_schedule` is exact only for the mask
    /// source, so it is rejected with any other (`ComponentRegistry.validateJumpScheduleSource`).
    var discrete: String
    /// The divergence-free coefficient of the Euler rule (>= 0); its `p_0` is the modality's source.
    var divergenceFree: Double
    var discreteSteps: Int?
    enum CodingKeys: String, CodingKey {
        case discrete, divergenceFree = "divergence_free", discreteSteps = "discrete_steps"
    }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        discrete = try container.decodeIfPresent(String.self, forKey: .discrete) ?? "euler"
        guard ["euler", "jump_schedule"].contains(discrete) else {
            throw DecodingError.dataCorruptedError(forKey: .discrete, in: container,
                                                   debugDescription: "discrete must be 'euler' or 'jump_schedule', got '\(discrete)'")
        }
        divergenceFree = try container.decodeIfPresent(Double.self, forKey: .divergenceFree, where: .nonNegative) ?? 0
        discreteSteps = try container.decodeIfPresent(Int.self, forKey: .discreteSteps, where: .positive)
    }
}
