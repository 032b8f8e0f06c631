import Foundation

/// Human words for a file-system error from Foundation, instead of "NSCocoaErrorDomain error 512".
///
/// Foundation on Linux wraps the system's reason (`errno`) in a Cocoa error whose localized description is
/// often just the domain and code; this finds the underlying POSIX error and returns `strerror`'s text.
///
/// ```swift
/// FileErrorText.describe(error)   // "No space left on device", "Permission denied", "Read-only file system"
/// ```
public enum FileErrorText {
    /// The system's reason for `error`, else a description without Cocoa codes.
    public static func describe(_ error: any Error) -> String {
        let nsError = error as NSError
        if nsError.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(nsError.code)))
        }
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return describe(underlying)
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: nsError.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "No such file or directory"
            case .fileReadNoPermission, .fileWriteNoPermission: return "Permission denied"
            case .fileWriteOutOfSpace: return "No space left on device"
            case .fileWriteVolumeReadOnly: return "Read-only file system"
            case .fileWriteFileExists: return "File exists"
            case .fileReadCorruptFile: return "the file is damaged or not in the expected format"
            case .fileReadInapplicableStringEncoding: return "the file is not UTF-8 text"
            case .fileWriteUnknown: return "the write failed (is the folder writable, does it exist, is the disk full?)"
            case .fileReadUnknown: return "the read failed (does the file exist, is it readable?)"
            default: return "the operating system refused (Foundation error \(nsError.code))"
            }
        }
        return error.localizedDescription
    }
}
