/// A storage named by a persistent id in a PyTorch pickle: `('storage', torch.FloatStorage, key, location, numel)`,
/// whose bytes are the archive entry `<prefix>/data/<key>`.
public struct TorchStorageReference: Sendable, Equatable {
    /// The element type.
    public let type: TorchStorageType
    /// The entry name under `data/`.
    public let key: String
    /// The device it was saved from (`cpu`, `cuda:0`); the bytes are the same.
    public let location: String
    /// The number of elements.
    public let elementCount: Int
}
