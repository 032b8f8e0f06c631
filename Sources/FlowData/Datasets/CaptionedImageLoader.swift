import FlowTensor

/// Deterministic, resumable batches from a captioned-image source: the state is one `BatchPosition`.
///
/// Batch b of epoch e holds rows `b * batchSize ..< (b + 1) * batchSize` of `BlockShuffledOrder`'s
/// epoch order (the last partial batch of an epoch is dropped), read sorted so a file source reads
/// whole runs. Each image's training caption is one of its references, drawn per (epoch, row).
/// `batch(at:)` is a pure function of the position, so a resumed loader continues exactly where the
/// saved `position` left off.
///
/// ```swift
/// var loader = CaptionedImageLoader(source: dataset, batchSize: 64, seed: 1)
/// let batch = try loader.next()            // advances loader.position
/// let saved = loader.position              // store in a checkpoint; later: loader.position = saved
/// ```
public struct CaptionedImageLoader {
    public let source: any CaptionedImageSource
    public let batchSize: Int
    public let order: BlockShuffledOrder
    /// The next batch `next()` returns.
    public var position = BatchPosition()
    private var cachedEpoch: (epoch: Int, rows: [Int])?

    /// Batches of `batchSize` from `source`; a batch size below 1 or above the source's count is a programmer error.
    public init(source: any CaptionedImageSource, batchSize: Int, seed: UInt64, windowBlocks: Int = 8) {
        precondition(batchSize >= 1 && batchSize <= source.count, "batch size \(batchSize) must be in 1...\(source.count)")
        self.source = source
        self.batchSize = batchSize
        order = BlockShuffledOrder(count: source.count, blockRows: source.blockRows, windowBlocks: windowBlocks, seed: seed)
    }

    /// Full batches per epoch.
    public var batchesPerEpoch: Int { source.count / batchSize }

    /// The batch at `position` (not moving the loader).
    public mutating func batch(at position: BatchPosition) throws -> CaptionedImageBatch {
        precondition(position.batch >= 0 && position.batch < batchesPerEpoch && position.epoch >= 0, "position \(position) is outside an epoch")
        if cachedEpoch?.epoch != position.epoch { cachedEpoch = (position.epoch, order.rows(inEpoch: position.epoch)) }
        let rows = Array(cachedEpoch!.rows[(position.batch * batchSize)..<((position.batch + 1) * batchSize)])
        let sorted = rows.sorted()
        let records = try source.records(at: sorted)
        var byRow: [Int: CaptionedImageRecord] = [:]
        for (row, record) in zip(sorted, records) { byRow[row] = record }
        var pixels: [UInt8] = []
        pixels.reserveCapacity(rows.count * source.imageSize * source.imageSize * 3)
        var captions: [String] = [], references: [[String]] = [], objects: [[ObjectAnnotation]] = []
        let choiceStream = RandomGenerator(seed: order.seed, stream: "caption-choice").split("epoch \(position.epoch)")
        for row in rows {
            let record = byRow[row]!
            pixels += record.pixels
            // Block `row` of the epoch's stream: the choice of a row does not depend on the batch it lands in.
            var random = RandomGenerator(seed: choiceStream.seed, streamKey: choiceStream.streamKey, offset: UInt64(row))
            let draw = random.uniform()
            let choice = record.captions.isEmpty ? nil : min(Int(draw * Double(record.captions.count)), record.captions.count - 1)
            captions.append(choice.map { record.captions[$0] } ?? "")
            references.append(record.captions)
            objects.append(record.objects)
        }
        return CaptionedImageBatch(indices: rows, imageSize: source.imageSize, pixels: pixels, captions: captions,
                                   references: references, objects: objects)
    }

    /// The batch at `position`, then moves to the following one (the next epoch after the last full batch).
    public mutating func next() throws -> CaptionedImageBatch {
        let batch = try batch(at: position)
        position.batch += 1
        if position.batch >= batchesPerEpoch { position = BatchPosition(epoch: position.epoch + 1, batch: 0) }
        return batch
    }
}
