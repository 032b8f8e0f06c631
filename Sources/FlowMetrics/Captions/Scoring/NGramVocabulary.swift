/// Interns words and n-grams (n = 1...4) as dense integer ids so that scoring never compares strings.
///
/// A word gets an id on first sight; an n-gram is the pair (id of its (n-1)-gram prefix, id of its
/// last word), interned in one table, so equal n-grams always get equal ids and different n-grams
/// different ids. Ids are dense (`0..<count`), which lets scorers use flat arrays as counters.
struct NGramVocabulary {
    /// The largest n-gram order scored (BLEU-4, CIDEr-D n = 1...4).
    static let maximumOrder = 4

    private var wordIDs: [Substring: Int32] = [:]
    private var extensionIDs: [UInt64: Int32] = [:]
    /// Order (1...4) of each n-gram id.
    private(set) var orders: [UInt8] = []

    /// Number of distinct n-grams seen so far.
    var count: Int { orders.count }

    /// The id of a word, as its unigram id.
    mutating func wordID(_ word: Substring) -> Int32 {
        if let id = wordIDs[word] { return id }
        let id = Int32(orders.count)
        orders.append(1)
        wordIDs[word] = id
        return id
    }

    /// The id of the n-gram `prefix + word` (`prefix` an (n-1)-gram id).
    mutating func extend(_ prefix: Int32, with word: Int32, order: Int) -> Int32 {
        let key = UInt64(UInt32(prefix)) << 32 | UInt64(UInt32(word))
        if let id = extensionIDs[key] { return id }
        let id = Int32(orders.count)
        orders.append(UInt8(order))
        extensionIDs[key] = id
        return id
    }

    /// Word ids of a sentence.
    mutating func encode(_ words: [Substring]) -> [Int32] {
        words.map { wordID($0) }
    }

    /// The n-gram counts of a sentence (all orders), sorted by n-gram id.
    mutating func countNGrams(_ words: [Int32]) -> NGramCounts {
        var ids: [Int32] = []
        ids.reserveCapacity(words.count * Self.maximumOrder)
        var previous = words  // ids of the (n-1)-grams starting at each position
        ids.append(contentsOf: words)
        if words.count >= 2 {
            for order in 2...min(Self.maximumOrder, words.count) {
                var current: [Int32] = []
                current.reserveCapacity(words.count - order + 1)
                for start in 0...(words.count - order) {
                    current.append(extend(previous[start], with: words[start + order - 1], order: order))
                }
                ids.append(contentsOf: current)
                previous = current
            }
        }
        ids.sort()
        var counts = NGramCounts(length: words.count)
        var index = 0
        while index < ids.count {
            var next = index + 1
            while next < ids.count && ids[next] == ids[index] { next += 1 }
            counts.ids.append(ids[index])
            counts.counts.append(Int32(next - index))
            index = next
        }
        return counts
    }
}

/// Term counts of one sentence's n-grams (orders 1...4), sorted by n-gram id.
struct NGramCounts: Sendable {
    /// Number of words in the sentence.
    var length: Int
    /// Distinct n-gram ids, ascending.
    var ids: [Int32] = []
    /// Count of each n-gram in `ids`.
    var counts: [Int32] = []
}
