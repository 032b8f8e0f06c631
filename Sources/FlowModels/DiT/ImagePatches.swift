import FlowTensor

/// Cutting channel-last images into patch tokens and putting them back (DiT's patchify and `unpatchify`).
///
/// Images are `[B, H, W, C]`; tokens run row-major over the `(H/p) × (W/p)` grid of patches.
public enum ImagePatches {
    /// Patches `[B, (H/p)·(W/p), C·p·p]`, each flattened in `(channel, row, column)` order, the order of a
    /// convolution kernel `[out, C, p, p]`.
    public static func patchify(_ images: Tensor, patchSize p: Int) -> Tensor {
        precondition(images.rank == 4 && images.shape[1] % p == 0 && images.shape[2] % p == 0,
                     "patchify: images \(images.shape) are not [B, H, W, C] with H and W multiples of \(p)")
        let (batch, height, width, channels) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
        return images.reshaped([batch, height / p, p, width / p, p, channels])
            .permuted([0, 1, 3, 5, 2, 4])
            .reshaped([batch, (height / p) * (width / p), channels * p * p])
    }

    /// Images `[B, H, W, C]` from tokens `[B, (H/p)·(W/p), p·p·C]` flattened in `(row, column, channel)` order,
    /// the layout of DiT's final linear layer (`unpatchify`'s `nhwpqc`).
    public static func unpatchify(_ tokens: Tensor, patchSize p: Int, height: Int, width: Int) -> Tensor {
        let (batch, count, features) = (tokens.shape[0], tokens.shape[1], tokens.shape[2])
        precondition(tokens.rank == 3 && height % p == 0 && width % p == 0 && count == (height / p) * (width / p)
                     && features % (p * p) == 0,
                     "unpatchify: tokens \(tokens.shape) do not tile a \(height) × \(width) image in \(p) × \(p) patches")
        let channels = features / (p * p)
        return tokens.reshaped([batch, height / p, width / p, p, p, channels])
            .permuted([0, 1, 3, 2, 4, 5])
            .reshaped([batch, height, width, channels])
    }
}
