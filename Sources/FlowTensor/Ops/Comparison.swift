extension Tensor {
    /// 1 where `self > other`, else 0 (broadcasting; no gradient).
    public func greater(_ other: Tensor) -> Tensor { binary(other, Kernels.Greater()) }
    /// 1 where `self >= other`, else 0.
    public func greaterEqual(_ other: Tensor) -> Tensor { binary(other, Kernels.GreaterEqual()) }
    /// 1 where `self < other`, else 0.
    public func less(_ other: Tensor) -> Tensor { binary(other, Kernels.Less()) }
    /// 1 where `self <= other`, else 0.
    public func lessEqual(_ other: Tensor) -> Tensor { binary(other, Kernels.LessEqual()) }
    /// 1 where `self == other`, else 0.
    public func equal(_ other: Tensor) -> Tensor { binary(other, Kernels.Equal()) }

    /// Picks `a` where `condition` is non-zero and `b` elsewhere (NumPy's `where`, broadcasting all three).
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let mask = condition.map(Kernels.NonZero())
        return a * mask + b * (1 - mask)
    }

    /// The elementwise maximum of two tensors (gradient to the larger; to `self` on ties).
    public func maximum(_ other: Tensor) -> Tensor {
        Tensor.where(greaterEqual(other).detached(), self, other)
    }

    /// The elementwise minimum of two tensors (gradient to the smaller; to `self` on ties).
    public func minimum(_ other: Tensor) -> Tensor {
        Tensor.where(lessEqual(other).detached(), self, other)
    }
}
