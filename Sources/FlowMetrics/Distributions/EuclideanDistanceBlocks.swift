import CBLAS
import Foundation

/// Euclidean distances between the rows of two feature sets, produced block by block so the full
/// `n x m` matrix never sits in memory (50,000 x 50,000 would take 20 GB).
///
/// Each block is computed like scikit-learn's `euclidean_distances` on Float64 input, the distance code
/// used by the prdc package: `G = X Y^T` by GEMM, `d^2 = (|x|^2 - 2 g) + |y|^2`, clamped at zero,
/// the diagonal of a set against itself forced to zero, then `sqrt`. Comparisons made on these values
/// agree with the reference whenever the two computations round alike, which is always the case for
/// exactly representable data (the tie fixtures use small integers) and fails for continuous data only on
/// near-ties within a few ulps. One deliberate refinement: a pair whose `d^2` falls below
/// `1e-10 (|x|^2 + |y|^2)`, where the GEMM formula is all cancellation, is recomputed directly as
/// `sum (x_k - y_k)^2`, so exact duplicates across sets are at distance exactly 0 (scikit-learn leaves a
/// rounding residue that makes such ties come out arbitrarily).
struct EuclideanDistanceBlocks {
    /// A pointer shared by the workers of `concurrentPerform`; each worker touches disjoint elements.
    struct SharedPointer<Element>: @unchecked Sendable {
        let base: UnsafeMutablePointer<Element>
    }

    /// One block of distances: rows `rowStart ..< rowStart + rowCount` of the query set against
    /// columns `columnStart ..< columnStart + columnCount` of the reference set, row-major.
    struct Block {
        let rowStart: Int
        let rowCount: Int
        let columnStart: Int
        let columnCount: Int
        let distances: SharedPointer<Double>

        /// The distance between query row `rowStart + row` and reference row `columnStart + column`.
        @inline(__always)
        func distance(_ row: Int, _ column: Int) -> Double {
            distances.base[row * columnCount + column]
        }
    }

    /// The query set (block rows).
    let query: FeatureSet
    /// The reference set (block columns).
    let reference: FeatureSet
    /// Whether query and reference are the same set (the diagonal is then exactly zero).
    let sameSet: Bool
    /// The largest block edge; 1024 x 1024 Float64 distances take 8 MB.
    let blockSize: Int

    /// Creates a blocked distance computation of `query` rows against `reference` rows.
    init(query: FeatureSet, reference: FeatureSet, sameSet: Bool, blockSize: Int = 1024) {
        precondition(query.columns == reference.columns, "EuclideanDistanceBlocks: widths differ")
        self.query = query
        self.reference = reference
        self.sameSet = sameSet
        self.blockSize = blockSize
    }

    /// Returns the number of workers to split `rows` rows over.
    static func workerCount(rows: Int) -> Int {
        max(1, min(ProcessInfo.processInfo.activeProcessorCount, rows))
    }

    /// Calls `body` with every block in row-major block order; the block's memory is reused afterwards.
    func forEachBlock(_ body: (Block) -> Void) {
        let width = query.columns
        let queryNorms = query.rowSquaredNorms()
        let referenceNorms = sameSet ? queryNorms : reference.rowSquaredNorms()
        let buffer = UnsafeMutablePointer<Double>.allocate(capacity: blockSize * blockSize)
        defer { buffer.deallocate() }
        let shared = SharedPointer(base: buffer)

        query.values.withUnsafeBufferPointer { queryValues in
            reference.values.withUnsafeBufferPointer { referenceValues in
                let queryBase = queryValues.baseAddress!
                let referenceBase = referenceValues.baseAddress!
                var rowStart = 0
                while rowStart < query.rows {
                    let rowCount = min(blockSize, query.rows - rowStart)
                    var columnStart = 0
                    while columnStart < reference.rows {
                        let columnCount = min(blockSize, reference.rows - columnStart)
                        cblas_dgemm(
                            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rowCount), Int32(columnCount), Int32(width),
                            1.0, queryBase + rowStart * width, Int32(width),
                            referenceBase + columnStart * width, Int32(width), 0.0, buffer, Int32(columnCount))
                        let queryPointer = SharedPointer(base: UnsafeMutablePointer(mutating: queryBase))
                        let referencePointer = SharedPointer(base: UnsafeMutablePointer(mutating: referenceBase))
                        let workers = Self.workerCount(rows: rowCount)
                        let (rowStartCopy, columnStartCopy, sameSet) = (rowStart, columnStart, self.sameSet)
                        DispatchQueue.concurrentPerform(iterations: workers) { worker in
                            let rows = (worker * rowCount / workers)..<((worker + 1) * rowCount / workers)
                            for row in rows {
                                let queryRow = rowStartCopy + row
                                let queryNorm = queryNorms[queryRow]
                                for column in 0..<columnCount {
                                    let referenceRow = columnStartCopy + column
                                    let index = row * columnCount + column
                                    if sameSet && queryRow == referenceRow {
                                        shared.base[index] = 0
                                        continue
                                    }
                                    let referenceNorm = referenceNorms[referenceRow]
                                    var squared = (queryNorm - 2 * shared.base[index]) + referenceNorm
                                    if squared < 1e-10 * (queryNorm + referenceNorm) {
                                        squared = Self.directSquaredDistance(
                                            queryPointer.base + queryRow * width,
                                            referencePointer.base + referenceRow * width, width: width)
                                    }
                                    shared.base[index] = max(squared, 0).squareRoot()
                                }
                            }
                        }
                        body(Block(rowStart: rowStart, rowCount: rowCount, columnStart: columnStart,
                                   columnCount: columnCount, distances: shared))
                        columnStart += columnCount
                    }
                    rowStart += rowCount
                }
            }
        }
    }

    /// Returns `sum_k (x_k - y_k)^2` computed from differences (exactly 0 for identical rows).
    @inline(__always)
    static func directSquaredDistance(_ x: UnsafeMutablePointer<Double>, _ y: UnsafeMutablePointer<Double>, width: Int) -> Double {
        var sum = 0.0
        for k in 0..<width {
            let difference = x[k] - y[k]
            sum += difference * difference
        }
        return sum
    }
}
