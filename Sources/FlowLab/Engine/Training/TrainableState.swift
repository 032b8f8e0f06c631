import FlowNN
import FlowTensor
import Foundation

/// One model in training, whatever its architecture: what the trainer steps and `checkpoint.h5` stores.
///
/// Everything needed to continue bit for bit is here (parameters, optimizer moments, weight average, step and
/// random streams), so a checkpoint resumes exactly.
protocol TrainableState: AnyObject {
    /// The model's group name in `checkpoint.h5` and `metrics.h5` (`/train/<key>`).
    var key: String { get }
    /// The trained network.
    var module: Module { get }
    var optimizer: AdamW { get }
    var average: ExponentialMovingAverage? { get }
    var step: Int { get set }
    var completed: Bool { get set }
    /// The random streams (and data position) as JSON, for the checkpoint.
    var generatorsJSON: String { get }
    /// Restores what `generatorsJSON` wrote; throws naming `file` when it cannot be read.
    func restoreGenerators(from json: String, file: URL) throws
}
