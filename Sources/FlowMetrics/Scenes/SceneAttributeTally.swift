import FlowData

/// Counts of right attributes, objects and scenes when predicted objects are compared with true scenes.
///
/// Each true object is paired with the predicted object in its cell (its position is then right);
/// when its cell is empty, with the unclaimed predicted object (not in any true cell) that agrees on
/// most of shape, colour and size (position wrong); with no partner every attribute counts wrong.
/// An object is right when all four attributes are; a scene is exact when the predicted objects are
/// exactly the true ones (no object missing, none extra).
///
/// ```swift
/// var tally = SceneAttributeTally()
/// tally.add(predicted: readerObjects, truth: promptScene)
/// tally.shapeAccuracy   // fraction of true objects whose shape was drawn
/// ```
public struct SceneAttributeTally: Sendable, Equatable {
    /// True objects compared.
    public private(set) var objects = 0
    /// True objects whose partner has the right shape.
    public private(set) var rightShapes = 0
    /// True objects whose partner has the right colour.
    public private(set) var rightColors = 0
    /// True objects whose partner has the right size.
    public private(set) var rightSizes = 0
    /// True objects whose cell holds a predicted object.
    public private(set) var rightPositions = 0
    /// True objects matched in all four attributes.
    public private(set) var rightObjects = 0
    /// Scenes compared.
    public private(set) var scenes = 0
    /// Scenes predicted exactly.
    public private(set) var exactScenes = 0

    public init() {}

    /// Adds one comparison of `predicted` objects (any order, possibly none) with the true `truth`.
    public mutating func add(predicted: [ShapeObject], truth: ShapeScene) {
        scenes += 1
        let trueCells = Set(truth.objects.map(\.cell))
        var unclaimed = predicted.filter { !trueCells.contains($0.cell) }
        for object in truth.objects {
            objects += 1
            var partner = predicted.first { $0.cell == object.cell }
            if partner != nil {
                rightPositions += 1
            } else if let best = unclaimed.indices.max(by: { Self.agreement(unclaimed[$0], object) < Self.agreement(unclaimed[$1], object) }) {
                partner = unclaimed.remove(at: best)
            }
            guard let partner else { continue }
            if partner.shape == object.shape { rightShapes += 1 }
            if partner.color == object.color { rightColors += 1 }
            if partner.size == object.size { rightSizes += 1 }
            if partner == object { rightObjects += 1 }
        }
        if Set(predicted) == Set(truth.objects), predicted.count == truth.objects.count { exactScenes += 1 }
    }

    /// Adds a scene whose prediction failed outright (e.g. an ungrammatical caption): every attribute wrong.
    public mutating func addMissing(truth: ShapeScene) {
        add(predicted: [], truth: truth)
    }

    /// Fraction of true objects with the right shape (NaN before any object).
    public var shapeAccuracy: Double { fraction(rightShapes, objects) }
    /// Fraction of true objects with the right colour.
    public var colorAccuracy: Double { fraction(rightColors, objects) }
    /// Fraction of true objects with the right size.
    public var sizeAccuracy: Double { fraction(rightSizes, objects) }
    /// Fraction of true objects at the right position (cell).
    public var positionAccuracy: Double { fraction(rightPositions, objects) }
    /// Fraction of true objects right in all four attributes.
    public var objectAccuracy: Double { fraction(rightObjects, objects) }
    /// Fraction of scenes predicted exactly.
    public var exactSceneAccuracy: Double { fraction(exactScenes, scenes) }

    /// The accuracies as named entries, each name prefixed (`"t2i_"` gives `t2i_shape_accuracy`, ...).
    public func entries(prefix: String) -> [(name: String, value: Double)] {
        [
            ("\(prefix)shape_accuracy", shapeAccuracy), ("\(prefix)color_accuracy", colorAccuracy),
            ("\(prefix)size_accuracy", sizeAccuracy), ("\(prefix)position_accuracy", positionAccuracy),
            ("\(prefix)object_accuracy", objectAccuracy), ("\(prefix)exact_scene_accuracy", exactSceneAccuracy),
            ("\(prefix)scenes", Double(scenes)),
        ]
    }

    /// How many of shape, colour and size two objects share.
    private static func agreement(_ a: ShapeObject, _ b: ShapeObject) -> Int {
        (a.shape == b.shape ? 1 : 0) + (a.color == b.color ? 1 : 0) + (a.size == b.size ? 1 : 0)
    }

    private func fraction(_ part: Int, _ whole: Int) -> Double { whole > 0 ? Double(part) / Double(whole) : .nan }
}
