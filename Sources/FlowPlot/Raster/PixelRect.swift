/// An axis-aligned rectangle of whole pixels; `x`, `y` is the top-left corner, y grows downwards.
public struct PixelRect: Sendable, Hashable {
    /// Left edge (first column inside).
    public var x: Int
    /// Top edge (first row inside).
    public var y: Int
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates a rectangle from its top-left corner and size.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// One past the last column inside.
    public var maxX: Int { x + width }
    /// One past the last row inside.
    public var maxY: Int { y + height }

    /// The overlap of two rectangles (zero-sized when they do not meet).
    public func intersection(_ other: PixelRect) -> PixelRect {
        let left = max(x, other.x)
        let top = max(y, other.y)
        let right = min(maxX, other.maxX)
        let bottom = min(maxY, other.maxY)
        return PixelRect(x: left, y: top, width: max(0, right - left), height: max(0, bottom - top))
    }

    /// The rectangle shrunk by the given margins on each side.
    func inset(left: Int = 0, top: Int = 0, right: Int = 0, bottom: Int = 0) -> PixelRect {
        PixelRect(x: x + left, y: y + top, width: max(0, width - left - right), height: max(0, height - top - bottom))
    }
}
