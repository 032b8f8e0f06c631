import FlowTensor

/// `x · (1 + scale) + shift`: DiT's adaLN modulation of normalised tokens.
///
/// `shift` and `scale` are `[B, C]` for tokens `x` of `[B, N, C]` (a token axis is inserted so they apply
/// to every token), or any shape that broadcasts to `x`.
public func modulate(_ x: Tensor, shift: Tensor, scale: Tensor) -> Tensor {
    let perToken = x.rank == shift.rank + 1
    let shift = perToken ? shift.unsqueezed(1) : shift
    let scale = perToken ? scale.unsqueezed(1) : scale
    return x * (1 + scale) + shift
}
