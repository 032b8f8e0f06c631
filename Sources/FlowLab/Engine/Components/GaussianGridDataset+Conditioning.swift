extension GaussianGridDataset.Conditioning {
    /// Decodes `data` or `uniform`; anything else is a located error listing both.
    public init(from decoder: any Decoder) throws {
        self = try decoder.decodeChoice(Self.self)
    }
}
