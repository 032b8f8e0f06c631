/// Reductions over one contiguous row, eight lanes at a time.
///
/// A scalar loop that accumulates into one variable cannot be vectorised (floating-point addition is not
/// reassociated), so softmax rows ran one element at a time. These keep eight partial results in a `SIMD8`
/// and combine them at the end: the same values up to rounding, in a fixed order for a given width.
/// (Loads are `loadUnaligned` and the lanes are combined by halves: `SIMD8(buffer)`, `.sum()` and `.max()`
/// compile to per-lane loops through memory.)
enum RowReductions {
    /// The largest of `x[0..<width]` (-infinity for an empty row).
    ///
    /// Vectorised for `Float` only: lane comparisons of a generic `SIMD8<S>` compile to per-lane loops even
    /// when specialised, while `SIMD8<Float>`'s compile to `maxps`.
    @inline(__always)
    static func maximum<S: TensorScalar>(_ x: UnsafePointer<S>, width: Int) -> S {
        if S.self == Float.self {
            let result = maximum(UnsafeRawPointer(x).assumingMemoryBound(to: Float.self), width: width)
            return unsafeBitCast(result, to: S.self)
        }
        var result = -S.infinity
        for j in 0..<width { result = Swift.max(result, x[j]) }
        return result
    }

    @inline(__always)
    private static func maximum(_ x: UnsafePointer<Float>, width: Int) -> Float {
        var lanes = SIMD8<Float>(repeating: -.infinity)
        var j = 0
        while j + 8 <= width {
            let values = load(x, j)
            lanes = lanes.replacing(with: values, where: values .> lanes)
            j += 8
        }
        let quarter = lanes.lowHalf.replacing(with: lanes.highHalf, where: lanes.highHalf .> lanes.lowHalf)
        let pair = quarter.lowHalf.replacing(with: quarter.highHalf, where: quarter.highHalf .> quarter.lowHalf)
        var result = Swift.max(pair[0], pair[1])
        while j < width {
            result = Swift.max(result, x[j])
            j += 1
        }
        return result
    }

    /// `x[0] + … + x[width - 1]`.
    @inline(__always)
    static func sum<S: TensorScalar>(_ x: UnsafePointer<S>, width: Int) -> S {
        var lanes = SIMD8<S>(repeating: 0)
        var j = 0
        while j + 8 <= width {
            lanes += load(x, j)
            j += 8
        }
        var result = combine(lanes)
        while j < width {
            result += x[j]
            j += 1
        }
        return result
    }

    /// `Σ x[j] y[j]` over the row.
    @inline(__always)
    static func dot<S: TensorScalar>(_ x: UnsafePointer<S>, _ y: UnsafePointer<S>, width: Int) -> S {
        var lanes = SIMD8<S>(repeating: 0)
        var j = 0
        while j + 8 <= width {
            lanes += load(x, j) * load(y, j)
            j += 8
        }
        var result = combine(lanes)
        while j < width {
            result += x[j] * y[j]
            j += 1
        }
        return result
    }

    /// `Σ (x[j] - center)²` over the row.
    @inline(__always)
    static func sumOfSquares<S: TensorScalar>(_ x: UnsafePointer<S>, centeredAt center: S, width: Int) -> S {
        var lanes = SIMD8<S>(repeating: 0)
        let centers = SIMD8<S>(repeating: center)
        var j = 0
        while j + 8 <= width {
            let deviations = load(x, j) - centers
            lanes += deviations * deviations
            j += 8
        }
        var result = combine(lanes)
        while j < width {
            let deviation = x[j] - center
            result += deviation * deviation
            j += 1
        }
        return result
    }

    /// Eight elements from `x + offset`.
    @inline(__always)
    static func load<S: TensorScalar>(_ x: UnsafePointer<S>, _ offset: Int) -> SIMD8<S> {
        UnsafeRawPointer(x + offset).loadUnaligned(as: SIMD8<S>.self)
    }

    /// Stores `values` at `x + offset`.
    @inline(__always)
    static func store<S: TensorScalar>(_ values: SIMD8<S>, _ x: UnsafeMutablePointer<S>, _ offset: Int) {
        UnsafeMutableRawPointer(x + offset).storeBytes(of: values, as: SIMD8<S>.self)
    }

    /// The sum of the eight lanes, by halves.
    @inline(__always)
    static func combine<S: TensorScalar>(_ lanes: SIMD8<S>) -> S {
        let quarter = lanes.lowHalf + lanes.highHalf
        let pair = quarter.lowHalf + quarter.highHalf
        return pair[0] + pair[1]
    }
}
