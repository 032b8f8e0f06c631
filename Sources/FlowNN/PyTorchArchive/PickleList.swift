/// A Python list read from a pickle; a reference, because the pickle appends to it after memoising it.
public final class PickleList {
    /// The items in order.
    public internal(set) var items: [PickleValue]

    init(_ items: [PickleValue] = []) { self.items = items }
}
