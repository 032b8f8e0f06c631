import FlowNN
import FlowTensor

extension VisionTransformer {
    /// Whether `file` holds a ViT this type loads: timm's and DINOv2's names (`cls_token`) or transformers'.
    public static func isCheckpoint(_ file: SafetensorsFile) -> Bool {
        file.tensors["cls_token"] != nil || hasTransformersNames(file)
    }

    /// Whether `file` spells a DINOv2 as Hugging Face transformers saves `Dinov2Model` and `Dinov2WithRegistersModel`
    /// (`embeddings.cls_token`, `encoder.layer.N.*`, `layernorm.*`; the files of `facebook/dinov2-*` on the Hub),
    /// optionally under `dinov2.` as a classifier's file holds them.
    static func hasTransformersNames(_ file: SafetensorsFile) -> Bool {
        file.tensors["embeddings.cls_token"] != nil || file.tensors["dinov2.embeddings.cls_token"] != nil
    }

    /// The tensors of a transformers DINOv2 file under timm's names: `embeddings.*` to `cls_token`, `pos_embed`,
    /// `register_tokens`, `patch_embed.proj.*`; `encoder.layer.N.*` to `blocks.N.*` with the separate query, key
    /// and value projections (`attention.attention.query` or transformers 5's `attention.q_proj`, ...) concatenated
    /// into `attn.qkv`, `attention.output.dense` (`attention.o_proj`) to `attn.proj`, `layer_scale1.lambda1` to
    /// `ls1.gamma`; `layernorm` to `norm`. A classifier's head is dropped; any other name is kept under its block,
    /// so the loader reports it (DINOv2-g's SwiGLU MLP, for one).
    static func timmStateDictionary(transformers file: SafetensorsFile) throws -> [String: Tensor] {
        let prefix = file.tensors["dinov2.embeddings.cls_token"] != nil ? "dinov2." : ""
        var state: [String: Tensor] = [:]
        var projections: [String: [String: Tensor]] = [:]   // "blocks.N.attn.qkv.weight" -> query/key/value parts
        let embeddings = ["embeddings.cls_token": "cls_token", "embeddings.mask_token": "mask_token",
                          "embeddings.position_embeddings": "pos_embed", "embeddings.register_tokens": "register_tokens",
                          "embeddings.patch_embeddings.projection.weight": "patch_embed.proj.weight",
                          "embeddings.patch_embeddings.projection.bias": "patch_embed.proj.bias",
                          "layernorm.weight": "norm.weight", "layernorm.bias": "norm.bias"]
        let blockParts = ["layer_scale1.lambda1": "ls1.gamma", "layer_scale2.lambda1": "ls2.gamma"]
        let attentionParts = ["attention.attention.query.": "query", "attention.attention.key.": "key",
                              "attention.attention.value.": "value", "attention.q_proj.": "query",
                              "attention.k_proj.": "key", "attention.v_proj.": "value"]
        for fileName in file.names where fileName.hasPrefix(prefix) {
            let name = String(fileName.dropFirst(prefix.count))
            if let renamed = embeddings[name] {
                state[renamed] = try file.tensor(fileName)
                continue
            }
            guard name.hasPrefix("encoder.layer.") else { continue }   // a classifier's head
            let rest = name.dropFirst("encoder.layer.".count)
            let index = rest.prefix { $0 != "." }
            let part = String(rest.dropFirst(index.count + 1))
            let block = "blocks.\(index)."
            if let attention = attentionParts.first(where: { part.hasPrefix($0.key) }) {
                let kind = part.dropFirst(attention.key.count)           // weight or bias
                projections[block + "attn.qkv.\(kind)", default: [:]][attention.value] = try file.tensor(fileName)
            } else if part.hasPrefix("attention.output.dense.") || part.hasPrefix("attention.o_proj.") {
                state[block + "attn.proj." + part.split(separator: ".").last!] = try file.tensor(fileName)
            } else {
                state[block + (blockParts[part] ?? part)] = try file.tensor(fileName)
            }
        }
        for (name, parts) in projections {
            guard let query = parts["query"], let key = parts["key"], let value = parts["value"] else {
                throw SafetensorsError(file: file.url.path, key: name,
                                       "has only the \(parts.keys.sorted().joined(separator: ", ")) projection of query, key and value")
            }
            state[name] = Tensor.concatenate([query, key, value], axis: 0)
        }
        return state
    }
}
