/// Draws `shapes` scenes as anti-aliased RGB images, bit-identically on every machine.
///
/// Each pixel's coverage is counted on a 4 x 4 grid of sub-samples with inside tests that use only
/// `+`, `-`, `*` and comparisons on `Float` (exactly rounded IEEE operations, no libm), and colours
/// are blended in integers, so the bytes depend on nothing but the scene and its variation.
///
/// ```swift
/// let renderer = try ShapeRenderer(imageSize: 32)
/// let scene = ShapeScene([ShapeObject(shape: .triangle, color: .blue, size: .large, cell: .center)])!
/// let pixels = renderer.render(scene, variation: .none(objectCount: 1))   // [32 * 32 * 3] uint8, RGB
/// ```
public struct ShapeRenderer: Sendable {
    /// Image sides the renderer is tuned for.
    public static let supportedSizes = [16, 32, 64]
    /// Sub-samples per pixel side for anti-aliasing.
    static let supersampling = 4
    /// A position offset step as a fraction of a cell side.
    static let positionStep: Float = 1.0 / 32
    /// A size step as a fraction of the nominal radius.
    static let scaleStep: Float = 0.04

    /// The image side in pixels.
    public let imageSize: Int

    /// A renderer for `imageSize` x `imageSize` images; throws unless the size is one of `supportedSizes`.
    public init(imageSize: Int) throws {
        guard Self.supportedSizes.contains(imageSize) else {
            throw DataError("image size \(imageSize) is not supported by shapes; use one of \(Self.supportedSizes.map(String.init).joined(separator: ", "))",
                            key: "size")
        }
        self.imageSize = imageSize
    }

    /// The background colour of tone `level` (a dark grey with a faint blue tint).
    static func background(level: Int) -> (UInt8, UInt8, UInt8) {
        let tone = 30 + 6 * level
        return (UInt8(tone), UInt8(tone), UInt8(tone + 8))
    }

    /// The RGB bytes, `[imageSize, imageSize, 3]` row-major, of `scene` drawn with `variation`.
    public func render(_ scene: ShapeScene, variation: ShapeVariation) -> [UInt8] {
        precondition(variation.objects.count == scene.objects.count, "one jitter per object is needed")
        let (red, green, blue) = Self.background(level: variation.backgroundLevel)
        var pixels = [UInt8](repeating: 0, count: imageSize * imageSize * 3)
        for offset in stride(from: 0, to: pixels.count, by: 3) {
            pixels[offset] = red
            pixels[offset + 1] = green
            pixels[offset + 2] = blue
        }
        for (object, jitter) in zip(scene.objects, variation.objects) {
            draw(object, jitter: jitter, into: &pixels)
        }
        return pixels
    }

    /// Blends one object into `pixels` by its sub-sample coverage.
    private func draw(_ object: ShapeObject, jitter: ShapeVariation.ObjectJitter, into pixels: inout [UInt8]) {
        let cellSide = Float(imageSize) / 3
        let centerX = (Float(object.cell.column) + 0.5 + Float(jitter.offsetX) * Self.positionStep) * cellSide
        let centerY = (Float(object.cell.row) + 0.5 + Float(jitter.offsetY) * Self.positionStep) * cellSide
        let radius = object.size.radiusInCells * cellSide * (1 + Float(jitter.scaleStep) * Self.scaleStep)
        let outline = ShapeOutline(shape: object.shape, radius: radius)
        let reach = radius * 1.2
        let firstX = max(0, Int(centerX - reach)), lastX = min(imageSize - 1, Int(centerX + reach) + 1)
        let firstY = max(0, Int(centerY - reach)), lastY = min(imageSize - 1, Int(centerY + reach) + 1)
        guard firstX <= lastX, firstY <= lastY else { return }
        let samples = Self.supersampling
        let sampleCount = samples * samples
        let step = 1 / Float(samples)
        let color = object.color.rgb
        for y in firstY...lastY {
            for x in firstX...lastX {
                var covered = 0
                for row in 0..<samples {
                    let sampleY = Float(y) + (Float(row) + 0.5) * step - centerY
                    for column in 0..<samples {
                        let sampleX = Float(x) + (Float(column) + 0.5) * step - centerX
                        if outline.contains(x: sampleX, y: sampleY) { covered += 1 }
                    }
                }
                guard covered > 0 else { continue }
                let offset = (y * imageSize + x) * 3
                pixels[offset] = Self.blend(pixels[offset], color.red, covered: covered, of: sampleCount)
                pixels[offset + 1] = Self.blend(pixels[offset + 1], color.green, covered: covered, of: sampleCount)
                pixels[offset + 2] = Self.blend(pixels[offset + 2], color.blue, covered: covered, of: sampleCount)
            }
        }
    }

    /// `old` mixed with `new` by `covered / total`, rounded, in integers.
    @inline(__always)
    private static func blend(_ old: UInt8, _ new: UInt8, covered: Int, of total: Int) -> UInt8 {
        UInt8((Int(old) * (total - covered) + Int(new) * covered + total / 2) / total)
    }
}
