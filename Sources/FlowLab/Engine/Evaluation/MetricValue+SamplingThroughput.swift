extension MetricValue {
    /// `sampling_images_per_second` (or `sampling_captions_per_second` when `captions`): how many of a configuration's
    /// `count` samples its sampler made per wall-clock second, on `threads` compute threads.
    ///
    /// Measured around the whole sampler (text or image encoder, every solver step, decoder), not the evaluation; it
    /// depends on the machine and the thread count, which the description names.
    ///
    ///     MetricValue.samplingThroughput(count: 200, seconds: 4, threads: 2, captions: false).value  // 50
    static func samplingThroughput(count: Int, seconds: Double, threads: Int, captions: Bool) -> MetricValue {
        let unit = captions ? "captions" : "images"
        return MetricValue(name: "sampling_\(unit)_per_second", value: Double(count) / max(seconds, 1e-9),
                           description: "\(unit) sampled per wall-clock second (whole sampler, \(threads) compute thread\(threads == 1 ? "" : "s"))",
                           higherIsBetter: true)
    }

    /// The throughput of a sampled configuration that records its sampling time: captions per second for image to
    /// text (its images were not generated), else images per second; nil for one without a time (real data).
    static func samplingThroughput(of configuration: SampledImages, count: Int, threads: Int) -> MetricValue? {
        configuration.samplingSeconds.map {
            samplingThroughput(count: count, seconds: $0, threads: threads, captions: !configuration.imagesGenerated)
        }
    }
}
