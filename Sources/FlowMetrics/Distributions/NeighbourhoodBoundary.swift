/// Whether a sample exactly on the boundary of a k-nearest-neighbour ball counts as inside it.
public enum NeighbourhoodBoundary: String, Sendable {
    /// Inside when `distance <= radius` (Kynkäänniemi et al.'s improved precision/recall, NVlabs code).
    case closed
    /// Inside when `distance < radius` (the prdc package, for all four of its metrics).
    case open

    /// Whether `distance` lies in the ball of radius `radius`.
    @inline(__always)
    func contains(_ distance: Double, radius: Double) -> Bool {
        switch self {
        case .closed: return distance <= radius
        case .open: return distance < radius
        }
    }
}
