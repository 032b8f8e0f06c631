import FlowSupport

extension ExperimentSpec {
    /// The SHA-256 of ``resolvedYAML`` in hex: what a checkpoint records so that it is only ever restored into
    /// the spec it was trained with (an edited `resolved.yaml` must not make a report describe other settings).
    public var fingerprint: String {
        SHA256Digest.hex(of: resolvedYAML)
    }
}
