/// The per-image variation of a `shapes` picture, on small integer grids so an image is a function of few integers.
///
/// Keeping the variation discrete makes "the same image" well defined: two images are equal exactly when
/// their scenes and variations are, which is what keeps the splits disjoint (see `ShapesGenerator`).
public struct ShapeVariation: Sendable, Codable, Hashable {
    /// Background tone levels (`backgroundLevel` is in `0..<backgroundLevels`).
    public static let backgroundLevels = 8
    /// Largest position offset, in `ShapeRenderer.positionStep` units of a cell, either way.
    public static let maximumOffset = 2
    /// Largest size step, in `ShapeRenderer.scaleStep` units, either way.
    public static let maximumScaleStep = 2

    /// The jitter of one object: its offset from the cell centre and its size step.
    public struct ObjectJitter: Sendable, Codable, Hashable {
        /// Horizontal offset, -2...2 (positive moves right).
        public var offsetX: Int
        /// Vertical offset, -2...2 (positive moves down).
        public var offsetY: Int
        /// Size step, -2...2 (positive grows).
        public var scaleStep: Int

        public init(offsetX: Int, offsetY: Int, scaleStep: Int) {
            self.offsetX = offsetX
            self.offsetY = offsetY
            self.scaleStep = scaleStep
        }
    }

    /// The background tone, 0 (darkest) ..< `backgroundLevels`.
    public var backgroundLevel: Int
    /// One jitter per object, in the scene's object order.
    public var objects: [ObjectJitter]

    public init(backgroundLevel: Int, objects: [ObjectJitter]) {
        self.backgroundLevel = backgroundLevel
        self.objects = objects
    }

    /// No variation: the middle background tone and every object centred at its nominal size.
    public static func none(objectCount: Int) -> ShapeVariation {
        ShapeVariation(backgroundLevel: backgroundLevels / 2,
                       objects: Array(repeating: ObjectJitter(offsetX: 0, offsetY: 0, scaleStep: 0), count: objectCount))
    }
}
