import Foundation

/// The memory a run's largest batch needs, checked against the machine before anything is allocated.
///
/// Each size of a spec has its own limit (``SizeLimits``); this catches combinations that pass each limit but not
/// together, such as `hidden_width: 16384` with `eval.samples: 1000000` (a 64 GB activation). The estimate
/// counts the widest activations of the largest batch the engine pushes through the model at once (training
/// batch or all evaluation samples) with a safety factor, plus parameters and optimizer state.
struct ResourceEstimate {
    /// Rows pushed through the model at once.
    let rows: Int
    /// The width of the hidden layers.
    let width: Int
    /// Hidden layers per network.
    let depth: Int

    /// Bytes needed, with a factor for the two networks, saved activations of the backward pass and temporaries.
    var bytes: Double {
        let activations = Double(rows) * Double(width) * Double(depth + 2) * 4 * 8
        let parameters = Double(width) * Double(width) * Double(depth) * 4 * 2 * 4
        return activations + parameters
    }

    /// Half the physical memory: the most a run may plan to use.
    static var budget: Double { Double(ProcessInfo.processInfo.physicalMemory) / 2 }

    /// `12.5 GB`.
    static func gigabytes(_ bytes: Double) -> String { String(format: "%.1f GB", bytes / 1e9) }
}
