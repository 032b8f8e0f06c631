import CBLAS

extension ComputeThreads {
    /// The CPU kernel family OpenBLAS picked at load time (e.g. "Haswell", "SkylakeX").
    ///
    /// OpenBLAS 0.3.21 does not know AMD Zen 4/5 and falls back to its AVX2 "Haswell" kernels on CPUs that
    /// have AVX-512; `OPENBLAS_CORETYPE=SKYLAKEX` in the environment (read when the library loads) selects the
    /// AVX-512 kernels. Benchmarks print this so their figures say which kernels they measured.
    public static var blasCoreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }
}
