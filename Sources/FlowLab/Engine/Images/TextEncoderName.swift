import FlowNN
import Foundation

/// A frozen pretrained text encoder the `dit` model can read captions through (`model.text_encoder`).
enum TextEncoderName: String, CaseIterable, Decodable, Sendable {
    /// sentence-transformers/all-MiniLM-L6-v2: BERT, 6 layers, width 384, WordPiece (uncased).
    case minilm

    /// The weight package it is loaded from.
    var weights: PretrainedWeights {
        switch self {
        case .minilm: .miniLM
        }
    }

    /// The width of its token states and sentence vectors.
    var featureWidth: Int {
        switch self {
        case .minilm: 384
        }
    }

    /// Throws the one-line `PretrainedWeightsError` of the first file of its package that is missing (or has the
    /// wrong size) under `root`, which names the fetch command; checks sizes only, so it is quick.
    func requireWeights(in root: URL = PretrainedWeights.root) throws {
        for file in weights.files { _ = try weights.file(file.name, in: root) }
    }

    /// Decodes `minilm`; anything else is a located error listing the choices.
    init(from decoder: any Decoder) throws {
        self = try decoder.decodeChoice(Self.self)
    }
}
