/// How the points of a `ScatterPanel` get their colours.
public enum PointColoring: Sendable {
    /// Every point the same colour.
    case uniform(Color)
    /// One explicit colour per point.
    case perPoint([Color])
    /// One category index per point, looked up in a palette.
    case categorical(indices: [Int], palette: CategoricalPalette)
    /// One continuous value per point (e.g. a label 0...198), mapped through a colour map over `range`
    /// (nil: the values' own min...max); the panel shows a colour bar titled `label`.
    case continuous(values: [Double], colorMap: ColorMap, range: ClosedRange<Double>?, label: String?)

    /// How many points the colouring describes; nil for `.uniform`.
    var count: Int? {
        switch self {
        case .uniform: return nil
        case .perPoint(let colors): return colors.count
        case .categorical(let indices, _): return indices.count
        case .continuous(let values, _, _, _): return values.count
        }
    }
}
