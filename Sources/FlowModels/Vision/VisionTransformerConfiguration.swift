import FlowNN

/// The sizes and layout of a timm-style Vision Transformer (and DINOv2's: layer scale, register tokens).
public struct VisionTransformerConfiguration: Sendable, Equatable {
    /// Input side length in pixels (square images); the position table covers `(imageSize / patchSize)²` patches.
    public var imageSize: Int
    /// Patch side length in pixels.
    public var patchSize: Int
    /// Input channels.
    public var channels: Int
    /// Token width.
    public var width: Int
    /// Transformer blocks.
    public var depth: Int
    /// Attention heads.
    public var heads: Int
    /// MLP width divided by the token width.
    public var mlpRatio: Double
    /// Whether blocks scale their residual branches by learned `ls1.gamma`, `ls2.gamma` (DINOv2, CaiT).
    public var layerScale: Bool
    /// Register tokens (`register_tokens`, DINOv2 with registers), inserted after the class token; 0 for none.
    public var registerTokens: Int
    /// LayerNorm epsilon (1e-6 in timm's ViT and DINOv2).
    public var layerNormEpsilon: Double

    /// A configuration; defaults are ViT-S/16 at 224 px without layer scale or registers.
    public init(imageSize: Int = 224, patchSize: Int = 16, channels: Int = 3, width: Int = 384, depth: Int = 12, heads: Int = 6,
                mlpRatio: Double = 4, layerScale: Bool = false, registerTokens: Int = 0, layerNormEpsilon: Double = 1e-6) {
        self.imageSize = imageSize
        self.patchSize = patchSize
        self.channels = channels
        self.width = width
        self.depth = depth
        self.heads = heads
        self.mlpRatio = mlpRatio
        self.layerScale = layerScale
        self.registerTokens = registerTokens
        self.layerNormEpsilon = layerNormEpsilon
    }

    /// Patches per side.
    public var gridSize: Int { imageSize / patchSize }
    /// Patches per image.
    public var patchCount: Int { gridSize * gridSize }

    /// The configuration a checkpoint's tensor shapes imply (all but `heads`, which shapes do not show).
    ///
    /// Reads `patch_embed.proj.weight` `[width, channels, patch, patch]`, `pos_embed` `[1, 1 + patches, width]`,
    /// `blocks.<i>.*`, `blocks.0.mlp.fc1.weight`, `blocks.0.ls1.gamma` and `register_tokens` (or timm's `reg_token`).
    public static func inferred(from file: SafetensorsFile, heads: Int, layerNormEpsilon: Double = 1e-6) throws -> VisionTransformerConfiguration {
        try inferred(shapes: file.tensors.mapValues(\.shape), source: file.url.path, heads: heads, layerNormEpsilon: layerNormEpsilon)
    }

    /// The configuration that tensor shapes under timm's names imply; errors name `source` (the file they came from).
    static func inferred(shapes: [String: [Int]], source: String, heads: Int, layerNormEpsilon: Double = 1e-6) throws -> VisionTransformerConfiguration {
        func shape(_ name: String) throws -> [Int] {
            guard let shape = shapes[name] else {
                throw SafetensorsError(file: source, key: name, "no such tensor (a ViT checkpoint holds patch_embed.proj.*, cls_token, pos_embed, blocks.N.* and norm.*)")
            }
            return shape
        }
        let projection = try shape("patch_embed.proj.weight")
        guard projection.count == 4, projection[2] == projection[3] else {
            throw SafetensorsError(file: source, key: "patch_embed.proj.weight", "is \(projection), not [width, channels, patch, patch]")
        }
        let positions = try shape("pos_embed")
        let patches = positions.count == 3 ? positions[1] - 1 : -1
        let grid = Int(Double(max(patches, 0)).squareRoot().rounded())
        guard patches > 0, grid * grid == patches, positions[2] == projection[0] else {
            throw SafetensorsError(file: source, key: "pos_embed",
                                   "is \(positions), not [1, 1 + a square number of patches, \(projection[0])] (class token first)")
        }
        let depth = Set(shapes.keys.compactMap { name -> Int? in
            guard name.hasPrefix("blocks.") else { return nil }
            return Int(name.dropFirst("blocks.".count).prefix { $0 != "." })
        }).count
        let hidden = try shape("blocks.0.mlp.fc1.weight")[0]
        let registers = shapes["register_tokens"] ?? shapes["reg_token"]
        guard projection[0] % heads == 0 else {
            throw SafetensorsError(file: source, key: "patch_embed.proj.weight", "width \(projection[0]) is not divisible by \(heads) heads")
        }
        return VisionTransformerConfiguration(
            imageSize: grid * projection[2], patchSize: projection[2], channels: projection[1], width: projection[0], depth: depth,
            heads: heads, mlpRatio: Double(hidden) / Double(projection[0]), layerScale: shapes["blocks.0.ls1.gamma"] != nil,
            registerTokens: registers?[1] ?? 0, layerNormEpsilon: layerNormEpsilon)
    }
}
