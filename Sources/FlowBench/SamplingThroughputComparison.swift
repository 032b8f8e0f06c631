import FlowTensor
import Foundation

/// FlowTok's efficiency claim at this scale: images/s of text-to-image sampling, all in FlowLab on the same threads,
/// for FlowTok (Experiments/flowtok.yaml, with decoding), the CrossFlows image model (Experiments/crossflows.yaml's
/// t2i_baseline) and the noise-source DiT (Experiments/shapes-t2i.yaml), each with its spec's steps and guidance.
///
/// FlowTok and CrossFlows sample 16 px images, the noise-source DiT 32 px, so the CrossFlows model is measured at 32 px
/// too. Each round samples one training batch of images with every model, in an order that rotates by round; medians
/// and bests of the rounds are printed per image, with the ratio to FlowTok's median.
enum SamplingThroughputComparison {
    /// One model of the table: what it is, and one sampling run of `batch` images.
    private struct Entry {
        let name: String
        let detail: String
        let batch: Int
        let sample: () -> BenchTiming
    }

    static func run(rounds: Int, flowTok: FlowTokStepBenchmark, machine: MachineDescription) {
        let threads = ComputeThreads.count
        var entries = [Entry(name: "FlowTok (flowtok.yaml)",
                             detail: "\(flowTok.setting.tokenizer.imageSize) px, \(flowTok.setting.tokens) tokens x \(flowTok.setting.latentChannels) ch; projector + \(flowTok.setting.samplingSteps) Euler steps at s = "
                                 + String(format: "%g", flowTok.setting.scale) + " (forward of \(2 * flowTok.setting.batch)) + tokenizer decoder",
                             batch: flowTok.setting.batch, sample: { flowTok.sample() })]
        for size in [16, 32] {
            let setting = CrossFlowsBenchmarks.textToImageBaseline(imageSize: size)
            do {
                let crossFlows = try CrossFlowsStepBenchmark(setting: setting)
                _ = crossFlows.sampleTextToImage(steps: 2)
                entries.append(Entry(name: "CrossFlows t2i_baseline (crossflows.yaml)" + (size == 16 ? "" : " at 32 px"),
                                     detail: "\(size) px, \(setting.model.imageTokens) patch tokens; \(setting.samplingSteps) joint Euler "
                                         + "steps, prompt held (forward of \(setting.batch), both flows)" + (size == 16 ? " [spec size]" : " [common size]"),
                                     batch: setting.batch, sample: { crossFlows.sampleTextToImage() }))
            } catch {
                print("  CrossFlows \(size) px row skipped: \(error)")
            }
        }
        let ditSetting = DiTBenchmarks.shapesTextToImage
        do {
            let dit = try DiTStepBenchmark(setting: ditSetting)
            _ = dit.sample(steps: 2)
            entries.append(Entry(name: "noise-source DiT (shapes-t2i.yaml)",
                                 detail: "32 px, \(ditSetting.tokens) patch tokens; \(ditSetting.samplingSteps) Euler steps of CFG w = "
                                     + String(format: "%g", ditSetting.guidanceScale) + " (forward of \(ditSetting.samplingForwardBatch)), cross-attention",
                                 batch: ditSetting.batch, sample: { dit.sample() }))
        } catch {
            print("  DiT row skipped: \(error)")
        }

        print("Sampling throughput, text to image, all FlowLab (\(threads) thread\(threads == 1 ? "" : "s"), "
              + "\(rounds) runs each in rotating order; load average \(loadAverage().map { String(format: "%.2f", $0) } ?? "unknown")):")
        var timings = Array(repeating: [BenchTiming](), count: entries.count)
        for round in 0..<rounds {
            for offset in 0..<entries.count {
                let index = (round + offset) % entries.count
                timings[index].append(entries[index].sample())
            }
        }
        let flowTokMedian = TimingSummary(timings[0].map(\.wall)).median / Double(entries[0].batch)
        print("  | model (spec) | images/s median (best) | ms per image, median | FlowTok speed-up | what one run does |")
        print("  |---|---|---|---|---|")
        for (entry, runs) in zip(entries, timings) {
            let summary = TimingSummary(runs.map(\.wall))
            let count = Double(entry.batch)
            print("  | \(entry.name) | " + String(format: "%.1f (%.1f) | %.1f | %.1fx", count / (summary.median / 1e3),
                                                     count / (summary.best / 1e3), summary.median / count,
                                                     summary.median / count / flowTokMedian) + " | \(entry.detail) |")
        }
        if threads == 1 {
            print("  thread CPU time per image, median: " + zip(entries, timings).map { entry, runs in
                "\(entry.name) " + String(format: "%.1f ms", TimingSummary(runs.map(\.cpu)).median / Double(entry.batch))
            }.joined(separator: "; "))
        }
        print("  " + machine.tag(threads: threads) + "; load average at the end \(loadAverage().map { String(format: "%.2f", $0) } ?? "unknown")")
    }
}
