extension Tensor {
    private func compare(_ other: Tensor, _ f32: @escaping @Sendable (Float, Float) -> Bool,
                         _ f64: @escaping @Sendable (Double, Double) -> Bool) -> Tensor {
        binary(other, { f32($0, $1) ? 1 : 0 }, { f64($0, $1) ? 1 : 0 })
    }

    /// 1 where `self > other`, else 0 (broadcasting; no gradient).
    public func greater(_ other: Tensor) -> Tensor { compare(other, { $0 > $1 }, { $0 > $1 }) }
    /// 1 where `self >= other`, else 0.
    public func greaterEqual(_ other: Tensor) -> Tensor { compare(other, { $0 >= $1 }, { $0 >= $1 }) }
    /// 1 where `self < other`, else 0.
    public func less(_ other: Tensor) -> Tensor { compare(other, { $0 < $1 }, { $0 < $1 }) }
    /// 1 where `self <= other`, else 0.
    public func lessEqual(_ other: Tensor) -> Tensor { compare(other, { $0 <= $1 }, { $0 <= $1 }) }
    /// 1 where `self == other`, else 0.
    public func equal(_ other: Tensor) -> Tensor { compare(other, { $0 == $1 }, { $0 == $1 }) }

    /// Picks `a` where `condition` is non-zero and `b` elsewhere (NumPy's `where`, broadcasting all three).
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let mask = condition.notEqualZero()
        let inverse = 1 - mask
        return a * mask + b * inverse
    }

    private func notEqualZero() -> Tensor {
        unary({ $0 != 0 ? 1 : 0 }, { $0 != 0 ? 1 : 0 }, derivative: { x, _ in x.scalar(0) }).detached()
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
