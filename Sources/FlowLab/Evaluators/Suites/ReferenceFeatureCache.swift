import FlowMetrics
import Foundation

/// The features of the last reference image set a suite embedded, so that the configurations of one seed, which
/// share their reference images, embed them once.
///
/// Keyed by the images' bytes (compared in full, far cheaper than a network pass); one set is kept.
///
/// ```swift
/// let features = try cache.features(of: input.referenceImages) { try extractor.features(pixels: $0, imageSize: 32) }
/// ```
final class ReferenceFeatureCache: @unchecked Sendable {
    private let lock = NSLock()
    private var images: [UInt8]?
    private var cached: FeatureSet?

    /// The features of `images`: the stored ones when these are the last images seen, else `compute(images)`,
    /// stored unless it returns nil (a stop).
    func features(of images: [UInt8], compute: ([UInt8]) throws -> FeatureSet?) rethrows -> FeatureSet? {
        lock.lock()
        defer { lock.unlock() }
        if let cached, self.images == images { return cached }
        guard let computed = try compute(images) else { return nil }
        self.images = images
        cached = computed
        return computed
    }
}
