import FlowTensor

extension Module {
    /// Copies the tensors of a safetensors file into the parameters of the same dotted names, in place.
    ///
    /// Names are matched after `prefix` is removed from the file's names (e.g. `"bert."`) and `renaming` has mapped
    /// them to the model's names (for checkpoints that spell a tensor differently); names for which
    /// `ignoring` returns true (asked before renaming) are skipped (buffers a checkpoint carries but the model does not need, such as
    /// `embeddings.position_ids`). Nothing is written unless everything fits: the thrown `StateDictionaryError`
    /// lists every missing, unexpected and mis-shaped name, and a tensor that is not floating point is a
    /// `SafetensorsError`. Elements are converted (F16, BF16, F64) straight from the mapped file.
    ///
    /// ```swift
    /// let file = try SafetensorsFile(url: url)
    /// try bert.loadSafetensors(file, ignoring: { $0 == "embeddings.position_ids" || $0.hasPrefix("pooler.") })
    /// ```
    public func loadSafetensors(_ file: SafetensorsFile, prefix: String = "",
                                ignoring: (String) -> Bool = { _ in false },
                                renaming: (String) -> String = { $0 }) throws {
        var fileNames: [String: String] = [:]
        for name in file.names where name.hasPrefix(prefix) {
            let key = String(name.dropFirst(prefix.count))
            if !ignoring(key) { fileNames[renaming(key)] = name }
        }
        let parameters = allNamedParameters()
        let expected = Dictionary(parameters.map { ($0.name, $0.tensor.shape) }, uniquingKeysWith: { first, _ in first })
        let given = fileNames.mapValues { file.tensors[$0]!.shape }
        try StateDictionaryError.check(expected: expected, given: given, strict: true,
                                       context: "safetensors file \(file.url.path)")
        for (key, name) in fileNames where !file.tensors[name]!.dtype.isFloatingPoint {
            throw SafetensorsError(file: file.url.path, key: name,
                                   "is \(file.tensors[name]!.dtype.rawValue), but parameter '\(key)' needs floating-point values")
        }
        for (key, parameter) in parameters {
            let name = fileNames[key]!
            switch parameter.dtype {
            case .float32: try parameter.withUnsafeMutableBuffer(Float.self) { try file.read(name, into: $0) }
            case .float64: try parameter.withUnsafeMutableBuffer(Double.self) { try file.read(name, into: $0) }
            }
        }
    }
}
