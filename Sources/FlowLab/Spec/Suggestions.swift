/// "Did you mean" suggestions by edit distance.
enum Suggestions {
    /// Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent transpositions cost 1.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, table[i - 2][j - 2] + 1)
                }
                table[i][j] = best
            }
        }
        return table[a.count][b.count]
    }

    /// Whether `candidate` is close enough to `word` to be offered as a correction.
    static func isClose(_ word: String, _ candidate: String) -> Bool {
        let limit = max(word.count, candidate.count) <= 4 ? 1 : (max(word.count, candidate.count) <= 8 ? 2 : 3)
        return editDistance(word.lowercased(), candidate.lowercased()) <= limit
    }

    /// The closest candidate to `word`, if one is close enough (ties go to the first in sorted order).
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        let close = Set(candidates).filter { $0 != word && isClose(word, $0) }
        return close.sorted().min { editDistance(word, $0) < editDistance(word, $1) }
    }

    /// `; did you mean 'x'?` or an empty string.
    static func didYouMean(_ word: String, among candidates: some Sequence<String>) -> String {
        closest(to: word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }
}
