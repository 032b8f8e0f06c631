import CBLAS
import Foundation

/// The BLAS library FlowTensor runs on, as it describes itself: results depend on it bit for bit.
///
/// OpenBLAS picks its kernels per CPU at load time (a `DYNAMIC_ARCH` build): two CPUs for which it picks
/// different kernel families (`Haswell`, `SkylakeX`, `Zen`, ...) sum a matrix product's terms in different
/// orders, so results differ in the last bits and, after training, from about the 4th digit of the metrics.
/// `OPENBLAS_CORETYPE=Haswell` in the environment makes every x86-64 CPU with AVX2 use the same kernels.
public enum BLASLibrary {
    /// `openblas_get_config()`, e.g. `OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64`.
    public static var configuration: String {
        openblas_get_config().map { String(cString: $0).trimmingCharacters(in: .whitespaces) } ?? "unknown"
    }

    /// `openblas_get_corename()`: the kernel family in use, e.g. `Haswell`.
    public static var kernelFamily: String {
        openblas_get_corename().map { String(cString: $0) } ?? "unknown"
    }
}
