/// Where the channels of an image batch are: `[B, C, H, W]` (PyTorch, timm) or `[B, H, W, C]` (FlowLab's images).
public enum ImageLayout: Sendable {
    /// `[B, channels, height, width]`.
    case channelsFirst
    /// `[B, height, width, channels]`.
    case channelsLast
}
