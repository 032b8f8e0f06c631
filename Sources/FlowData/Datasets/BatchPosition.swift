/// Where a loader is in its deterministic batch sequence: the whole state needed to resume.
public struct BatchPosition: Sendable, Codable, Hashable, Comparable {
    /// The epoch, from 0.
    public var epoch: Int
    /// The batch inside the epoch, from 0.
    public var batch: Int

    public init(epoch: Int = 0, batch: Int = 0) {
        self.epoch = epoch
        self.batch = batch
    }

    public static func < (lhs: BatchPosition, rhs: BatchPosition) -> Bool {
        (lhs.epoch, lhs.batch) < (rhs.epoch, rhs.batch)
    }
}
