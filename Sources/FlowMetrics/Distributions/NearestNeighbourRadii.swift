import Foundation

/// The k-nearest-neighbour radius of every sample within its own set, for several k at once.
///
/// The radius for `k` is the (k+1)-th smallest distance from the sample to the rows of its own set,
/// itself included at distance 0: the distance to the k-th nearest other sample, ties counted with
/// multiplicity (a duplicate sits at distance 0). This is prdc's `get_kth_value(distances, k + 1)` and
/// the NVlabs improved-precision-recall code's `np.partition(distances, k)[:, k]`.
enum NearestNeighbourRadii {
    /// Returns, for each `k` in `neighbourCounts`, the radius of every row of `set`.
    static func compute(_ set: FeatureSet, neighbourCounts: [Int]) -> [[Double]] {
        let kept = (neighbourCounts.max() ?? 0) + 1
        precondition(set.rows >= kept, "NearestNeighbourRadii: \(set.rows) rows for k + 1 = \(kept)")
        let smallest = UnsafeMutablePointer<Double>.allocate(capacity: set.rows * kept)
        defer { smallest.deallocate() }
        smallest.initialize(repeating: .infinity, count: set.rows * kept)
        let shared = EuclideanDistanceBlocks.SharedPointer(base: smallest)

        EuclideanDistanceBlocks(query: set, reference: set, sameSet: true).forEachBlock { block in
            let workers = EuclideanDistanceBlocks.workerCount(rows: block.rowCount)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let rows = (worker * block.rowCount / workers)..<((worker + 1) * block.rowCount / workers)
                for row in rows {
                    let list = shared.base + (block.rowStart + row) * kept
                    for column in 0..<block.columnCount {
                        insert(block.distance(row, column), into: list, count: kept)
                    }
                }
            }
        }
        return neighbourCounts.map { k in
            (0..<set.rows).map { row in smallest[row * kept + k] }
        }
    }

    /// Inserts `value` into the ascending list of the `count` smallest values seen, dropping the largest.
    @inline(__always)
    static func insert(_ value: Double, into list: UnsafeMutablePointer<Double>, count: Int) {
        guard value < list[count - 1] else { return }
        var position = count - 1
        while position > 0 && list[position - 1] > value {
            list[position] = list[position - 1]
            position -= 1
        }
        list[position] = value
    }
}
