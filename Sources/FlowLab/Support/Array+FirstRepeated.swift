extension Array where Element: Hashable {
    /// The first element that also appears earlier in the array, or nil when all are distinct.
    ///
    /// ```swift
    /// [0, 1, 0].firstRepeated   // 0
    /// ```
    var firstRepeated: Element? {
        var seen: Set<Element> = []
        return first { !seen.insert($0).inserted }
    }
}
