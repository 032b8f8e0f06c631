/// A tensor in a PyTorch pickle, from `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, ...)`:
/// a strided view of a storage, read when the archive is loaded.
public struct TorchTensorReference: Sendable, Equatable {
    /// The storage it views.
    public let storage: TorchStorageReference
    /// The element offset of its first element.
    public let offset: Int
    /// Its shape.
    public let shape: [Int]
    /// Its strides, in elements.
    public let strides: [Int]
}
