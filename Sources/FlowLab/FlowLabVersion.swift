/// The version of FlowLab, as `flowlab --version` prints it.
public enum FlowLabVersion {
    /// The release number (semantic versioning).
    public static let number = "0.2.0"
}
