import FlowModels
import FlowNN
import FlowSupport
import FlowTensor
import Foundation

/// A frozen pretrained text encoder the `dit` model reads captions through (`model.text_encoder`), which encodes
/// each distinct caption once per run.
///
/// Captions become the encoder's own tokens, `[CLS]` WordPiece `[SEP]` truncated to `length` ids and padded with
/// `[PAD]` (0); those ids are the caption modality's tokens in the flow state, and a row of padding only is the
/// dropped caption (a real one starts with `[CLS]`). `condition(ids:)` turns a batch of id rows into the DiT's
/// `.textEmbeddings` features from a cache keyed by the id row: a row the cache lacks is encoded (without
/// gradients) and kept, so training steps after the first epoch, and sampling, only read it. Each caption is
/// encoded alone, unpadded: batched, the matrix products would round its features differently (by about 1e-6)
/// depending on its batch mates, so a resumed run, whose cache fills in another order, would not condition
/// exactly as an uninterrupted one.
/// The encoder is frozen and is no part of the DiT's parameters: it is never optimised, averaged or written to
/// `checkpoint.h5`; `load()` hashes the weight files it reads, so the run can record them.
///
/// Memory: per distinct caption the cache keeps its real tokens' states (`tokens`: 384 float32, 1.5 KB, per
/// token) or one sentence vector (`pooled`: 1.5 KB), plus its ids. The 2,592 possible one-object `shapes`
/// captions (at most 14 tokens) take at most 56 MB with `tokens`; in general N distinct captions of T tokens on
/// average take N · T · 1.5 KB (100,000 two-object captions of about 25 tokens: 3.8 GB, so use `pooled` there,
/// 150 MB). `summary` reports the actual size.
///
/// ```swift
/// let encoder = FrozenTextEncoder(name: .minilm, features: .tokens, length: 16)
/// try encoder.load()                                    // one line naming `flowlab weights fetch minilm` when missing
/// let ids = try encoder.ids(["a small red circle in the top left"])      // [1, 16]
/// let condition = encoder.condition(ids: ids)           // .textEmbeddings([1, 16, 384], lengths: [11])
/// ```
final class FrozenTextEncoder: @unchecked Sendable {
    /// Which encoder.
    let name: TextEncoderName
    /// Which of its features condition the DiT.
    let features: TextFeatures
    /// Ids per caption, `[CLS]` and `[SEP]` included.
    let length: Int
    /// Where the weights are read from.
    let weightsRoot: URL

    private let lock = NSLock()
    /// The loaded encoder (nil until `load()`); frozen, and no part of any DiT.
    private(set) var sentenceEncoder: SentenceEncoder?
    private var digests: [(file: String, sha256: String)] = []
    private var idsByCaption: [String: [Int]] = [:]
    private var featuresByIDs: [[Int]: [Float]] = [:]
    private var encoded = 0
    private var truncated = 0

    /// An encoder of `length` ids per caption, not yet loaded.
    init(name: TextEncoderName, features: TextFeatures, length: Int, weightsRoot: URL = PretrainedWeights.root) {
        precondition(length >= 3, "a text encoder needs room for [CLS], one piece and [SEP]")
        self.name = name
        self.features = features
        self.length = length
        self.weightsRoot = weightsRoot
    }

    /// Whether `other` encodes captions exactly as this one does (so one cache can serve both).
    func hasSameSettings(as other: FrozenTextEncoder) -> Bool {
        name == other.name && features == other.features && length == other.length && weightsRoot == other.weightsRoot
    }

    /// Feature rows per caption in the DiT's condition: `length` token states, or one sentence vector.
    var featureRows: Int { features == .tokens ? length : 1 }

    /// The id of `[PAD]` (0 in BERT's vocabulary), which fills a caption's row after `[SEP]` and makes up the
    /// dropped caption.
    let paddingID = 0

    /// Loads the encoder once (later calls return at once): checks each weight file's SHA-256 against the
    /// catalog, then reads the weights and the vocabulary.
    ///
    /// - Throws: `PretrainedWeightsError` naming the fetch command when a file is missing or differs.
    func load() throws {
        try lock.withLock {
            guard sentenceEncoder == nil else { return }
            let weights = name.weights
            var computed: [(file: String, sha256: String)] = []
            for entry in weights.files {
                let url = try weights.file(entry.name, in: weightsRoot)
                let digest = try SHA256Digest.hex(ofFileAt: url)
                guard digest == entry.sha256 else {
                    throw PretrainedWeightsError(package: weights.name,
                                                 "\(url.path) has SHA-256 \(digest), not the catalogued \(entry.sha256); fetch it again with `\(weights.fetchCommand) --force`")
                }
                computed.append((entry.name, digest))
            }
            let loaded = try SentenceEncoder.miniLM(root: weightsRoot)
            guard loaded.width == name.featureWidth else {
                throw PretrainedWeightsError(package: weights.name,
                                             "\(weights.directory(in: weightsRoot).path): the model is \(loaded.width) wide, not \(name.featureWidth)")
            }
            precondition(loaded.tokenizer.paddingID == paddingID, "[PAD] is \(loaded.tokenizer.paddingID) in \(loaded.name)'s vocabulary, not \(paddingID)")
            sentenceEncoder = loaded
            digests = computed
        }
    }

    /// The SHA-256 of every weight file `load()` read, keyed `<package>/<file>` (`minilm/model.safetensors`); empty
    /// before loading.
    var weightDigests: [String: String] {
        lock.withLock { Dictionary(uniqueKeysWithValues: digests.map { ("\(name.weights.name)/\($0.file)", $0.sha256) }) }
    }

    /// One line for the run's log: the model, its files' SHA-256 and that it is frozen.
    var loadedDescription: String {
        lock.withLock {
            let files = digests.map { "\($0.file) sha256 \($0.sha256)" }.joined(separator: ", ")
            let parameters = sentenceEncoder?.model.parameterCount ?? 0
            return "text encoder \(name.rawValue): \(sentenceEncoder?.name ?? "not loaded") from \(name.weights.directory(in: weightsRoot).path) "
                + "(\(files)); frozen (\(parameters) parameters, not trained or checkpointed); \(features.rawValue) features, \(length) tokens per caption"
        }
    }

    /// The captions as ids, `[captions.count, length]` row-major; each distinct caption is tokenized once.
    func ids(_ captions: [String]) throws -> [Int] {
        try load()
        return lock.withLock {
            captions.flatMap { caption -> [Int] in
                if let known = idsByCaption[caption] { return known }
                let tokenizer = sentenceEncoder!.tokenizer
                if tokenizer.pieceIDs(caption).count > length - 2 { truncated += 1 }
                let row = tokenizer.encode(caption, length: length)
                idsByCaption[caption] = row
                return row
            }
        }
    }

    /// The DiT's condition for `ids` (`B · length` ids from `ids(_:)` or the dropped caption's padding rows): features
    /// `[B, featureRows, width]`, zero past each caption's real rows, with lengths (0 for a dropped caption).
    ///
    /// Rows not yet in the cache are encoded now, every distinct one once.
    func condition(ids: [Int]) -> DiTCondition {
        precondition(ids.count % length == 0, "\(ids.count) ids do not form rows of \(length)")
        let rows = stride(from: 0, to: ids.count, by: length).map { Array(ids[$0..<($0 + length)]) }
        return lock.withLock {
            precondition(sentenceEncoder != nil, "FrozenTextEncoder: load() before condition(ids:)")
            encodeMissing(rows)
            let width = name.featureWidth, stride = featureRows * width
            var values = [Float](repeating: 0, count: rows.count * stride)
            var lengths: [Int] = []
            for (index, row) in rows.enumerated() {
                guard let cached = featuresByIDs[row] else {
                    lengths.append(0)
                    continue
                }
                values.replaceSubrange((index * stride)..<(index * stride + cached.count), with: cached)
                lengths.append(cached.count / width)
            }
            return .textEmbeddings(Tensor(shape: [rows.count, featureRows, width], scalars: values), lengths: lengths)
        }
    }

    /// Captions run through the encoder so far (each distinct one once).
    var encodedCount: Int { lock.withLock { encoded } }

    /// One line on the cache: captions encoded, how many were truncated, and the memory the features take.
    var summary: String {
        lock.withLock {
            let floats = featuresByIDs.values.reduce(0) { $0 + $1.count }
            let megabytes = Double(floats * MemoryLayout<Float>.size + featuresByIDs.count * length * MemoryLayout<Int>.size) / 1e6
            return "text encoder \(name.rawValue): \(encoded) distinct captions encoded once each (\(truncated) of \(idsByCaption.count) "
                + "longer than \(length) tokens, truncated), cache \(String(format: "%.1f", megabytes)) MB"
        }
    }

    /// Encodes each distinct real row of `rows` the cache lacks, one at a time; the lock is held.
    private func encodeMissing(_ rows: [[Int]]) {
        guard let encoder = sentenceEncoder else { return }
        for row in rows where row.first != paddingID && featuresByIDs[row] == nil {
            let real = Array(row.prefix { $0 != paddingID })
            let hidden = encoder.hiddenStates([real])
            switch features {
            case .tokens: featuresByIDs[row] = hidden.floats
            case .pooled: featuresByIDs[row] = SentencePooling.meanPooled(hidden, lengths: [real.count]).floats
            }
            encoded += 1
        }
    }
}
