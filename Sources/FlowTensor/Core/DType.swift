import CBLAS
import RealModule

/// The element type a tensor stores.
public enum DType: String, Sendable, CustomStringConvertible {
    /// 32-bit IEEE floats: the default for models and training.
    case float32
    /// 64-bit IEEE floats: for numerics that need it (gradient checks, likelihoods, statistics).
    case float64

    /// Bytes per element.
    public var byteCount: Int { self == .float32 ? 4 : 8 }

    public var description: String { rawValue }
}

/// A floating-point type a `Tensor` can store; kernels are written once, generic over it (and over its
/// `SIMD8` vectors where a row reduction would otherwise run one element at a time).
public protocol TensorScalar: BinaryFloatingPoint, Real, Sendable, SIMDScalar {
    /// The tensor element type that stores this scalar.
    static var dtype: DType { get }

    /// e^x, vectorisable where the type allows it.
    static func fastExp(_ x: Self) -> Self

    /// `C = alpha op(A) op(B) + beta C` in row-major layout, through BLAS.
    static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Self,
        a: UnsafePointer<Self>, lda: Int, b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: TensorScalar {
    public static var dtype: DType { .float32 }

    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Float,
        a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
}

extension Double: TensorScalar {
    public static var dtype: DType { .float64 }

    public static func gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int, alpha: Double,
        a: UnsafePointer<Double>, lda: Int, b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        cblas_dgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }
}
