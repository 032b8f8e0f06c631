/// Random access to the rows of a captioned-image data set, whatever holds them (a file, a generator).
///
/// `records(at:)` receives sorted, distinct indices, so a file-backed source can read runs of rows
/// at once; `blockRows` tells batch orders how many neighbouring rows are cheap to read together.
public protocol CaptionedImageSource {
    /// The number of rows.
    var count: Int { get }
    /// The image side S.
    var imageSize: Int { get }
    /// Rows that are read together cheaply (one storage chunk), 1 when any row is as cheap as any other.
    var blockRows: Int { get }
    /// The records at `indices` (sorted, distinct, each in `0..<count`), in that order.
    func records(at indices: [Int]) throws -> [CaptionedImageRecord]
}
