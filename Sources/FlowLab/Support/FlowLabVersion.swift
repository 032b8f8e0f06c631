/// The version of FlowLab's code that affects results; part of every stage-cache key.
///
/// Bump it when a change alters what a cached stage would contain (training, data or model code),
/// so that old stages are trained again rather than reused.
public enum FlowLabVersion {
    /// The current version.
    public static let current = "0.1.0"
}
