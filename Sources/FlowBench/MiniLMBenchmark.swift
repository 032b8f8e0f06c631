import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// all-MiniLM-L6-v2: embedding 10,000 captions, and the WordPiece tokenizer alone, next to transformers (PyTorch
/// eager, same threads and batch size) and the `tokenizers` package, measured in the same run.
enum MiniLMBenchmark {
    /// Captions in the benchmark.
    static let captionCount = 10_000
    /// Texts per forward pass on both sides.
    static let batchSize = 32

    static func run() {
        print("all-MiniLM-L6-v2: \(captionCount) captions, batch \(batchSize), \(ComputeThreads.count) threads:")
        let encoder: SentenceEncoder
        do {
            encoder = try SentenceEncoder.miniLM()
        } catch {
            print("  skipped: \(error)")
            return
        }
        let captions = Self.captions(captionCount)
        let folder = URL(fileURLWithPath: ".build/bench/minilm")
        let textsFile = folder.appendingPathComponent("captions.txt")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data((captions.joined(separator: "\n") + "\n").utf8).write(to: textsFile, options: .atomic)
        } catch {
            print("  skipped: cannot write \(textsFile.path): \(error)")
            return
        }

        let tokenizerSeconds = seconds { for caption in captions { _ = encoder.ids(caption) } }
        _ = encoder.embed(Array(captions.prefix(64)), batchSize: batchSize)   // warm-up
        var embeddings = Tensor.zeros([0])
        let embedSeconds = seconds { embeddings = encoder.embed(captions, batchSize: batchSize) }
        let tokens = captions.reduce(0) { $0 + encoder.ids($1).count }
        print(String(format: "  Swift:       tokenizer %.3f s (%.0f texts/s); embedding %.2f s (%.0f texts/s, %d tokens)",
                     tokenizerSeconds, Double(captions.count) / tokenizerSeconds, embedSeconds,
                     Double(captions.count) / embedSeconds, tokens))

        let model = PretrainedWeights.miniLM.directory().path
        guard let text = MetricBenchmarks.python("Scripts/bench/minilm_bench.py", [
            "--texts", textsFile.path, "--model", model, "--threads", String(ComputeThreads.count), "--batch", String(batchSize),
        ], threads: ComputeThreads.count), let report = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
              let torchSeconds = report["embed_seconds"] as? Double, let tokenizersSeconds = report["tokenizer_seconds"] as? Double,
              let batchTokenizerSeconds = report["tokenizer_batch_seconds"] as? Double else {
            print("  transformers skipped: Scripts/bench/minilm_bench.py needs torch, transformers and tokenizers")
            return
        }
        print(String(format: "  PyTorch %@: embedding %.2f s; tokenizers: encode() loop %.3f s, encode_batch %.3f s",
                     report["torch"] as? String ?? "?", torchSeconds, tokenizersSeconds, batchTokenizerSeconds))
        if let first = report["first"] as? [[Double]] {
            let swift = embeddings.floats
            let difference = first.enumerated().flatMap { row, values in
                values.enumerated().map { abs($0.element - Double(swift[row * encoder.width + $0.offset])) }
            }.max() ?? .nan
            print(String(format: "  largest difference of the first %d embeddings: %.2e", first.count, difference))
        }
        print(String(format: "  Swift / PyTorch time (embedding): %.2f;  Swift / tokenizers time (tokenizer, one text at a time): %.2f",
                     embedSeconds / torchSeconds, tokenizerSeconds / tokenizersSeconds))
    }

    /// Wall-clock seconds of `body`.
    private static func seconds(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// `count` COCO-like captions from a seeded grammar (8 to 25 words, some punctuation and digits).
    static func captions(_ count: Int) -> [String] {
        let subjects = ["a man", "a woman", "two dogs", "a small child", "a group of people", "an old red bus", "a black cat",
                        "three surfers", "a chef", "a large brown horse", "a young girl", "several zebras", "a skateboarder"]
        let verbs = ["is riding", "stands next to", "is sitting on", "walks along", "is holding", "looks at", "plays with",
                     "is jumping over", "is eating", "runs toward"]
        let objects = ["a wooden bench", "the beach", "a plate of food", "a busy city street", "a frisbee", "the kitchen counter",
                       "a snowy mountain", "a green field", "a laptop computer", "an umbrella", "the train station"]
        let tails = ["", " on a sunny day", " near the water.", ", while others watch.", " in front of 2 tall buildings",
                     " at night", " with a smile!", " during the 1990s festival", " under a cloudy sky, surrounded by trees"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in
            var caption = "\(subjects[next(subjects.count)]) \(verbs[next(verbs.count)]) \(objects[next(objects.count)])\(tails[next(tails.count)])"
            if next(3) == 0 { caption += " and \(objects[next(objects.count)])" }
            return next(2) == 0 ? caption.prefix(1).uppercased() + caption.dropFirst() : caption
        }
    }
}
