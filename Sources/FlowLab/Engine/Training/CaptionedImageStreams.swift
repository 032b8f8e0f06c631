import FlowData
import FlowTensor
import Foundation

/// A model in training on captioned images whose random streams are a data loader's position and one noise stream;
/// their checkpoint form (`generatorsJSON`, `restoreGenerators`) comes with the protocol.
protocol CaptionedImageStreams: TrainableState {
    /// Deterministic batches of the training split; its position is checkpointed.
    var loader: CaptionedImageLoader { get set }
    /// Draws times, noise and whatever else the objective samples.
    var noiseGenerator: RandomGenerator { get set }
}

/// The checkpointed form of a loader position and a noise stream.
private struct CaptionedImageStreamsState: Codable {
    var position: BatchPosition
    var noise: RandomGenerator
}

extension CaptionedImageStreams {
    var generatorsJSON: String {
        let state = CaptionedImageStreamsState(position: loader.position, noise: noiseGenerator)
        return String(decoding: try! JSONEncoder().encode(state), as: UTF8.self)
    }

    func restoreGenerators(from json: String, file: URL) throws {
        guard let state = try? JSONDecoder().decode(CaptionedImageStreamsState.self, from: Data(json.utf8)) else {
            throw ExperimentError("\(file.path): /\(key) has an unreadable 'rng' attribute")
        }
        loader.position = state.position
        noiseGenerator = state.noise
    }
}
