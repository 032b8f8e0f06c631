/// The version of FlowLab: what `flowlab --version` prints, and part of every stage-cache key.
///
/// Bump it with every release, and whenever a change alters what a cached stage would contain (training, data or
/// model code), so that old stages are trained again rather than reused.
public enum FlowLabVersion {
    /// The release number (semantic versioning).
    public static let number = "0.2.0"
}
