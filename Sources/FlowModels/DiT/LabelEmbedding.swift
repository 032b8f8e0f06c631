import FlowNN
import FlowTensor

/// Class labels to vectors, as DiT's `LabelEmbedder` (`embedding_table`, with one extra "no label" row).
///
/// Label dropout for classifier-free guidance is the caller's choice of labels: label `count` is the null label.
public final class LabelEmbedding: Module {
    /// The `[count + 1, width]` table (checkpoint key `embedding_table`).
    public let table: Embedding

    override public class var checkpointKeys: [String: String] { ["table": "embedding_table"] }

    /// A table for `count` classes plus the null label, drawn from N(0, 0.02²) as DiT initialises it.
    public init(count: Int, width: Int, dtype: DType = .float32, generator: inout RandomGenerator) {
        table = Embedding(count: count + 1, width: width, dtype: dtype, generator: &generator)
        table.weight.assign(table.weight * 0.02)
    }

    /// The number of real classes (the null label is `count`).
    public var count: Int { table.count - 1 }

    /// `[B, width]` vectors of `labels` (each in `0...count`).
    public func callAsFunction(_ labels: [Int]) -> Tensor { table(labels) }
}
