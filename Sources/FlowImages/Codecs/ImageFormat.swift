import Foundation

/// The encoded formats FlowImages reads, recognised by their leading bytes (not by the file extension).
public enum ImageFormat: String, Sendable, CaseIterable {
    /// Portable Network Graphics.
    case png
    /// JPEG (baseline or progressive; greyscale, YCbCr or CMYK).
    case jpeg

    /// The file extensions (lower case) that usually hold this format.
    public var fileExtensions: [String] {
        switch self {
        case .png: return ["png"]
        case .jpeg: return ["jpg", "jpeg", "jpe"]
        }
    }

    /// The format whose signature `bytes` start with; nil when neither.
    public init?(sniffing bytes: Data) {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            self = .png
        } else if bytes.starts(with: [0xFF, 0xD8, 0xFF]) {
            self = .jpeg
        } else {
            return nil
        }
    }

    /// The format a file name's extension suggests; nil for other extensions.
    public init?(fileExtension: String) {
        let lowered = fileExtension.lowercased()
        guard let format = Self.allCases.first(where: { $0.fileExtensions.contains(lowered) }) else { return nil }
        self = format
    }
}
