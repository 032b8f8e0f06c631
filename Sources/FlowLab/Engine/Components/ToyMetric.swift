/// The metrics the toy point-and-label experiments compute (see `ModeCollapseEvaluation`).
public enum ToyMetric: String, Sendable, CaseIterable {
    case labelAgreement = "label_agreement"
    case labelTotalVariation = "label_tv"
    case rareLabelMassRatio = "rare_label_mass_ratio"
    case modeTotalVariation = "mode_tv"
    case slicedWasserstein = "sliced_wasserstein"
    case promptChangeRate = "prompt_change_rate"
}
