import FlowNN

/// A package name given on the command line (`minilm`, `inception`) or `all`.
enum WeightsSelection {
    /// The packages `name` stands for; an unknown name is an input error listing the known ones.
    static func packages(_ name: String) throws -> [PretrainedWeights] {
        if name == "all" { return PretrainedWeights.catalog }
        do {
            return [try PretrainedWeights.named(name)]
        } catch let error as PretrainedWeightsError {
            throw InputError(error.message + " or all")
        }
    }
}
