import Foundation

extension HDF5File {
    /// The most bytes one read may allocate: half the machine's memory.
    ///
    /// A file can declare any shape (10^6 x 10^6 elements takes a few bytes to write); the size is checked
    /// before the buffer is allocated, so such a file is an error, not an abort.
    public static var maximumReadBytes: Int {
        Int(min(ProcessInfo.processInfo.physicalMemory / 2, UInt64(Int.max)))
    }

    /// The number of elements of `shape`, or a `.shapeMismatch` error when it overflows or exceeds ``maximumReadBytes``.
    static func checkedElementCount(_ shape: [Int], elementSize: Int, operation: String, path: String, in file: HDF5File) throws -> Int {
        var count = 1
        var overflow = false
        for extent in shape where !overflow {
            (count, overflow) = count.multipliedReportingOverflow(by: extent)
        }
        let (bytes, bytesOverflow) = count.multipliedReportingOverflow(by: elementSize)
        guard !overflow, !bytesOverflow, bytes <= maximumReadBytes else {
            let declared = shape.map(String.init).joined(separator: " x ")
            throw file.error(.shapeMismatch,
                             "the dataset declares \(declared) elements, more than half of this machine's memory (\(maximumReadBytes >> 20) MiB) can hold; the file is damaged or not meant to be read whole",
                             operation: operation, path: path)
        }
        return count
    }
}
