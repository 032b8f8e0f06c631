import FlowTensor

/// A deterministic shuffle of `0..<count` per epoch that keeps reads local: blocks are shuffled, then rows within windows of blocks.
///
/// Rows are grouped in blocks of `blockRows` (a file's chunk); each epoch permutes the blocks, then
/// shuffles the rows inside each window of `windowBlocks` consecutive blocks of that permutation. A
/// batch therefore touches at most a window's blocks, while every row still lands anywhere in the
/// epoch. With `blockRows` 1 it is a plain uniform permutation. The order depends only on the seed
/// and the epoch.
public struct BlockShuffledOrder: Sendable, Hashable {
    public let count: Int
    public let blockRows: Int
    public let windowBlocks: Int
    public let seed: UInt64

    public init(count: Int, blockRows: Int, windowBlocks: Int = 8, seed: UInt64) {
        precondition(count >= 1 && blockRows >= 1 && windowBlocks >= 1, "an order needs rows, blocks and windows")
        self.count = count
        self.blockRows = blockRows
        self.windowBlocks = windowBlocks
        self.seed = seed
    }

    /// The order of the rows in `epoch`.
    public func rows(inEpoch epoch: Int) -> [Int] {
        var random = RandomGenerator(seed: seed, stream: "batch-order").split("epoch \(epoch)")
        let blockCount = (count + blockRows - 1) / blockRows
        let blocks = random.permutation(blockCount)
        var order: [Int] = []
        order.reserveCapacity(count)
        var windowStart = 0
        while windowStart < blockCount {
            let window = blocks[windowStart..<min(blockCount, windowStart + windowBlocks)]
            let rows = window.flatMap { block in (block * blockRows)..<min(count, (block + 1) * blockRows) }
            order += random.permutation(rows.count).map { rows[$0] }
            windowStart += windowBlocks
        }
        return order
    }
}
