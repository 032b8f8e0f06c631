/// A TorchScript module object from a `data.pkl` (`__torch__.inceptionv3.Conv2dLayer`): an inert record of its
/// class name and the state the pickle sets with `BUILD` (a dictionary of attributes, parameters and children).
/// The class's code is never loaded or run.
public final class PickleObject {
    /// `module.qualified.Name`, e.g. `__torch__.torch.nn.modules.container.___torch_mangle_9.Sequential`.
    public let className: String
    /// The attribute dictionary, once the pickle has built the object.
    public internal(set) var state: PickleValue?

    init(className: String) { self.className = className }
}
