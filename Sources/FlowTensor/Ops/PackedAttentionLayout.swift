/// Sizes and strides of a packed attention problem; one (batch, head) pair is one independent tile.
///
/// Queries, keys and values are read in place from projection outputs: self-attention reads all three from
/// one `[B, N, 3C]` tensor (rows `[3, heads, C/heads]`), cross-attention reads queries from `[B, L, C]` and
/// keys and values from `[B, S, 2C]` (rows `[2, heads, C/heads]`). The output is `[B, L, C]`, heads concatenated.
struct PackedAttentionLayout: Sendable {
    let batch: Int, heads: Int, depth: Int
    /// Query tokens L and key tokens S per sample.
    let queryLength: Int, keyLength: Int
    /// Elements between consecutive query rows, and between consecutive key (and value) rows.
    let queryRowStride: Int, keyRowStride: Int
    /// Where the keys and the values start inside a key row (the queries start at 0 of theirs).
    let keyColumn: Int, valueColumn: Int
    let scale: Double
    /// Strides of the mask broadcast to `[B, heads, L, S]`, or nil without a mask.
    let maskStrides: [Int]?

    var width: Int { heads * depth }
    var pairs: Int { batch * heads }

    /// Self-attention on `[B, N, 3C]`.
    static func selfAttention(batch: Int, length: Int, heads: Int, depth: Int, scale: Double,
                              maskStrides: [Int]?) -> PackedAttentionLayout {
        let width = heads * depth
        return PackedAttentionLayout(batch: batch, heads: heads, depth: depth, queryLength: length, keyLength: length,
                                     queryRowStride: 3 * width, keyRowStride: 3 * width, keyColumn: width,
                                     valueColumn: 2 * width, scale: scale, maskStrides: maskStrides)
    }

    /// Cross-attention from `[B, L, C]` queries to `[B, S, 2C]` keys and values.
    static func crossAttention(batch: Int, queryLength: Int, keyLength: Int, heads: Int, depth: Int, scale: Double,
                               maskStrides: [Int]?) -> PackedAttentionLayout {
        let width = heads * depth
        return PackedAttentionLayout(batch: batch, heads: heads, depth: depth, queryLength: queryLength,
                                     keyLength: keyLength, queryRowStride: width, keyRowStride: 2 * width, keyColumn: 0,
                                     valueColumn: width, scale: scale, maskStrides: maskStrides)
    }

    /// Element offset of `pair`'s first query inside the query tensor.
    func queryOffset(_ pair: Int) -> Int { (pair / heads) * queryLength * queryRowStride + (pair % heads) * depth }

    /// Element offset of `pair`'s first key inside the key tensor (its values follow at `valueColumn - keyColumn`).
    func keyOffset(_ pair: Int) -> Int {
        (pair / heads) * keyLength * keyRowStride + keyColumn + (pair % heads) * depth
    }

    /// Element offset of `pair`'s first value inside the key tensor.
    func valueOffset(_ pair: Int) -> Int { keyOffset(pair) - keyColumn + valueColumn }

    /// Element offset of `pair`'s output columns inside `[B, L, C]`.
    func outputOffset(_ pair: Int) -> Int { (pair / heads) * queryLength * width + (pair % heads) * depth }
}
