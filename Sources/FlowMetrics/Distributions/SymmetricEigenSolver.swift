import CLAPACK

/// Eigen-decomposition of real symmetric matrices by LAPACK's divide-and-conquer `dsyevd`.
enum SymmetricEigenSolver {
    /// Returns the eigenvalues (ascending) and, when asked, the eigenvectors of a symmetric `n x n` matrix.
    ///
    /// Only the upper triangle of `matrix` (row-major, equivalently the lower triangle column-major) is read.
    /// The eigenvectors come back column-major: component `i` of eigenvector `j` is `vectors[i + j * n]`.
    static func decompose(
        _ matrix: [Double], size n: Int, computeVectors: Bool
    ) throws -> (values: [Double], vectors: [Double]) {
        var work = matrix
        var values = [Double](repeating: 0, count: n)
        // Row-major upper == column-major lower for a symmetric matrix; column-major avoids LAPACKE's transpose copy.
        let info = LAPACKE_dsyevd(
            LAPACK_COL_MAJOR, computeVectors ? Int8(UInt8(ascii: "V")) : Int8(UInt8(ascii: "N")),
            Int8(UInt8(ascii: "L")), Int32(n), &work, Int32(n), &values)
        guard info == 0 else { throw FeatureMetricsError.linearAlgebraFailure(routine: "dsyevd", info: info) }
        return (values, computeVectors ? work : [])
    }
}
