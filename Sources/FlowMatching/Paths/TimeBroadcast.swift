import FlowTensor

extension Tensor {
    /// Reshapes per-row times `[B]` to `[B, 1, ..., 1]` so they broadcast over a batch shaped like `data`.
    ///
    /// A scalar time, or times already shaped like the data, are returned unchanged.
    func broadcastingTime(over data: [Int]) -> Tensor {
        if rank == 0 || shape == data { return self }
        precondition(rank == 1 && !data.isEmpty && shape[0] == data[0],
                     "times must be [B] = [\(data.first ?? 0)] for data \(data), got \(shape)")
        return reshaped([shape[0]] + Array(repeating: 1, count: data.count - 1))
    }

    /// Per-row times `[B]` filled with one value.
    static func times(_ value: Double, batch: Int, dtype: DType) -> Tensor {
        Tensor.full([batch], value, dtype: dtype)
    }
}
