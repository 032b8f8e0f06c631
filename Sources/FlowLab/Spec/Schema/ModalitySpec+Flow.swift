/// The components a generated modality flows with: all four are required when its role is `generated`.
public struct ModalityFlowComponents: Sendable, Equatable {
    /// Component of kind `path`.
    public var path: ComponentSpec
    /// Component of kind `scheduler`.
    public var scheduler: ComponentSpec
    /// Component of kind `source`.
    public var source: ComponentSpec
    /// Component of kind `loss`.
    public var loss: ComponentSpec
}

extension ModalitySpec {
    /// Its path, scheduler, source and loss; nil unless all are written (always so for a generated modality,
    /// which fails to decode without them).
    public var flow: ModalityFlowComponents? {
        guard let path, let scheduler, let source, let loss else { return nil }
        return ModalityFlowComponents(path: path, scheduler: scheduler, source: source, loss: loss)
    }
}
