import ArgumentParser
import FlowLab
import FlowModels
import FlowNN
import FlowTensor
import Foundation

/// `flowlab embed`: sentence embeddings of texts with all-MiniLM-L6-v2, written to HDF5.
struct EmbedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed texts with sentence-transformers/all-MiniLM-L6-v2 (384-d unit vectors) into an HDF5 file.",
        discussion: """
        The texts file holds one text a line, or a JSON list of strings. Texts are cut to 256 WordPiece tokens, \
        as sentence-transformers does. The output has /embeddings float32 [N, 384] (unit rows, so a dot product \
        is the cosine similarity) and /texts [N] strings, readable with h5py:
          f = h5py.File("captions.h5"); E = f["embeddings"][:]; texts = f["texts"].asstr()[:]
        Needs the weights (`flowlab weights fetch minilm`).

        Examples:
          flowlab embed --texts captions.txt --out captions.h5
          flowlab embed --texts captions.json --out captions.h5 --batch-size 64 --threads 4
        """
    )

    @Option(help: ArgumentHelp("Texts: one a line, or a JSON list of strings.", valueName: "file"))
    var texts: String

    @Option(help: ArgumentHelp("The HDF5 file to write (atomically).", valueName: "file.h5"))
    var out: String

    @Option(help: "Texts per forward pass.")
    var batchSize = 32

    @Option(help: "Compute threads (default: FLOWLAB_THREADS or all cores).")
    var threads: Int?

    @Flag(help: "No progress lines.")
    var quiet = false

    func validate() throws {
        if batchSize <= 0 { throw ValidationError("--batch-size must be positive, got \(batchSize)") }
        if let threads, threads <= 0 { throw ValidationError("--threads must be positive, got \(threads)") }
    }

    func run() throws {
        if let threads { ComputeThreads.set(threads) }
        let inputs: [String]
        do {
            inputs = try TextEmbeddingFile.readTexts(URL(fileURLWithPath: texts))
        } catch let error as TextEmbeddingError {
            throw InputError(error.description)
        }
        let encoder: SentenceEncoder
        do {
            encoder = try SentenceEncoder.miniLM()
        } catch let error as PretrainedWeightsError {
            throw InputError(error.description)
        }
        let progress = ProgressReporter(mode: ProgressReporter.automaticMode(quiet: quiet, plainEvery: 20))
        let batches = (inputs.count + batchSize - 1) / batchSize
        progress.start(label: "embed", totalSteps: max(batches, 1), samplesPerStep: batchSize)
        let embeddings = encoder.embed(inputs, batchSize: batchSize) { done, _ in
            progress.update(label: "embed", step: (done + batchSize - 1) / batchSize, loss: nil)
        }
        progress.finish(label: "embed")
        try TextEmbeddingFile.write(embeddings: embeddings, texts: inputs, model: encoder.name,
                                    maximumTokens: encoder.maximumLength, to: URL(fileURLWithPath: out))
        if !quiet { print("wrote \(out): /embeddings [\(inputs.count), \(encoder.width)] float32, /texts (\(encoder.name))") }
    }
}
