/// The sizes of a `SceneReader`: image side, hidden width and the width of its per-cell features.
public struct SceneReaderConfiguration: Sendable, Codable, Hashable {
    /// The image side the reader reads (16, 32 or 64).
    public var imageSize: Int
    /// Width of the two hidden layers of the per-cell trunk.
    public var hiddenWidth: Int
    /// Width of each cell's penultimate features; an image's features are the 9 cells' side by side.
    public var featureWidth: Int

    public init(imageSize: Int = 32, hiddenWidth: Int = 256, featureWidth: Int = 32) {
        self.imageSize = imageSize
        self.hiddenWidth = hiddenWidth
        self.featureWidth = featureWidth
    }

    /// The side of the square window read around each cell: the cell (S/3, rounded up) plus one pixel.
    public var windowSize: Int { (imageSize + 2) / 3 + 1 }

    /// The top (or left) pixel of the window of row (or column) `index` of the 3 x 3 grid.
    public func windowOrigin(_ index: Int) -> Int {
        min(index * imageSize / 3, imageSize - windowSize)
    }

    /// Inputs per cell: the window's pixels, its foreground map and a one-hot cell id.
    public var inputWidth: Int { windowSize * windowSize * 4 + 9 }
}
