import FlowHDF5
import FlowNN
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// The `dit` model reading captions through a frozen MiniLM (`model.text_encoder: minilm`): the encoder is frozen,
/// runs once per distinct caption and stays out of the checkpoint; a short run learns the prompt; and its spec
/// errors are located, missing weights included.
final class MiniLMConditioningTests: XCTestCase {
    static let spec = "Experiments/shapes-t2i-small.yaml"
    /// Training steps of the end-to-end run (the word-token model of shapes-t2i-small trains 2,500). Measured at
    /// CFG w = 3 (colour, position; chance 0.17, 0.11): 1,000 steps 0.95, 0.15; 1,500: 0.965, 0.66; 2,000: 0.965,
    /// 0.995 (seed 1: 0.98, 1.0).
    static let steps = 2000

    /// The id rows of `ids`, `length` at a time.
    private func rows(_ ids: [Int], length: Int) -> [[Int]] {
        stride(from: 0, to: ids.count, by: length).map { Array(ids[$0..<($0 + length)]) }
    }

    func testEncoderIsFrozenCachedAndLeftOutOfTheCheckpoint() throws {
        try PretrainedWeightsRequirement.require(.miniLM)
        let spec = try ExperimentRunner.loadValidated(file: Self.spec, overrides: ["+model.text_encoder=minilm", "train.batch_size=16",
                                                                                      "train.condition_dropout=0"])
        let setup = try ModalitySetup(spec: spec)
        let state = try ModalityTrainingState(key: "minilm", setup: setup, seed: 0)
        let encoder = try XCTUnwrap(setup.textEncoder)
        XCTAssertTrue(state.network.textEncoder === encoder)
        let bert = try XCTUnwrap(encoder.sentenceEncoder).model
        XCTAssertTrue(bert.trainableParameters().isEmpty, "MiniLM is frozen")
        let before = bert.namedParameters().map(\.tensor.floats)
        let ditBefore = state.module.namedParameters().map(\.tensor.floats)

        // The captions the steps will read, from a copy of the loader.
        var replay = state.loader
        let steps = 6
        var captions: [String] = []
        for _ in 0..<steps { captions += try replay.next().captions }
        let distinct = Set(rows(try setup.captionTokens(captions), length: encoder.length)).count
        XCTAssertEqual(encoder.encodedCount, 0, "nothing is encoded before the first step")
        for _ in 0..<steps {
            let (loss, _) = try setup.loss(state)
            loss.backward()
            state.optimizer.step()
            state.optimizer.zeroGradients()
        }
        XCTAssertEqual(encoder.encodedCount, distinct, "each distinct caption of \(captions.count) is encoded once")
        _ = encoder.condition(ids: try setup.captionTokens(captions + captions))
        XCTAssertEqual(encoder.encodedCount, distinct, "seen captions are read from the cache")
        let fresh = ["a tiny grey hexagon", "a tiny grey hexagon", "nothing at all"]
        _ = encoder.condition(ids: try setup.captionTokens(fresh))
        XCTAssertEqual(encoder.encodedCount, distinct + 2, "a new caption twice in a batch is encoded once")
        XCTAssertTrue(encoder.summary.contains("\(distinct + 2) distinct captions encoded once each"), encoder.summary)

        XCTAssertTrue(bert.namedParameters().map(\.tensor.floats) == before, "training leaves MiniLM unchanged")
        XCTAssertFalse(state.module.namedParameters().map(\.tensor.floats) == ditBefore, "training changes the DiT")
        let optimized = Set(state.optimizer.parameters.map(\.name))
        XCTAssertTrue(optimized.contains("y_embedder.y_proj.fc1.weight") && optimized.contains("y_embedder.y_embedding"), "\(optimized)")
        XCTAssertFalse(optimized.contains { $0.hasPrefix("embeddings.") || $0.hasPrefix("encoder.") })

        let url = try makeRunTestFolder(self).appendingPathComponent("checkpoint.h5")
        try CheckpointFile.write([state], to: url, experiment: spec.experiment, specFingerprint: spec.fingerprint)
        let file = try HDF5File.open(url)
        defer { try? file.close() }
        let saved = try StateDictionary.read(from: file, group: "minilm/params")
        XCTAssertEqual(Set(saved.keys), Set(state.module.namedParameters().map(\.name)), "the checkpoint holds the DiT and nothing else")
        XCTAssertEqual(saved["y_embedder.y_embedding"]?.shape, [16, 384])
        let bytes = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        XCTAssertLessThan(bytes, 20_000_000, "MiniLM alone is 91 MB")
    }

    func testFeaturesAreMiniLMsAndDoNotDependOnTheBatch() throws {
        try PretrainedWeightsRequirement.require(.miniLM)
        let caption = "a small red circle in the top left"
        let tokens = FrozenTextEncoder(name: .minilm, features: .tokens, length: 16)
        try tokens.load()
        guard case .textEmbeddings(let states, let lengths) = tokens.condition(ids: try tokens.ids([caption])) else {
            return XCTFail("not text features")
        }
        let reference = try XCTUnwrap(tokens.sentenceEncoder).tokenStates(caption)
        XCTAssertEqual(lengths, [reference.shape[0]])
        XCTAssertEqual(states.shape, [1, 16, 384])
        let values = states.floats
        for (a, b) in zip(values.prefix(reference.shape[0] * 384), reference.floats) { XCTAssertEqual(a, b, accuracy: 1e-5) }
        XCTAssertTrue(values.dropFirst(reference.shape[0] * 384).allSatisfy { $0 == 0 }, "padding rows are zero")

        // The same caption encoded after and before 40 others of other lengths: bit for bit the same features, so a
        // resumed run (whose cache fills in another order) conditions exactly as an uninterrupted one.
        let crowded = FrozenTextEncoder(name: .minilm, features: .tokens, length: 16)
        try crowded.load()
        let others = (0..<40).map { "caption number \($0) with " + String(repeating: "more words ", count: $0 % 5) }
        guard case .textEmbeddings(let batched, _) = crowded.condition(ids: try crowded.ids(others + [caption] + others)) else {
            return XCTFail("not text features")
        }
        let difference = zip(batched.slice(axis: 0, 40..<41).floats, values).map { abs($0 - $1) }.max()!
        XCTAssertEqual(difference, 0, "the features of a caption depend on the batch it was encoded in")

        let pooled = FrozenTextEncoder(name: .minilm, features: .pooled, length: 16)
        try pooled.load()
        guard case .textEmbeddings(let vector, let pooledLengths) = pooled.condition(ids: try pooled.ids([caption])) else {
            return XCTFail("not text features")
        }
        XCTAssertEqual(vector.shape, [1, 1, 384])
        XCTAssertEqual(pooledLengths, [1])
        let sentence = try XCTUnwrap(pooled.sentenceEncoder).embed([caption]).floats
        for (a, b) in zip(vector.floats, sentence) { XCTAssertEqual(a, b, accuracy: 1e-6) }
        guard case .textEmbeddings(_, let nullLengths) = pooled.condition(ids: Array(repeating: 0, count: 32)) else {
            return XCTFail("not text features")
        }
        XCTAssertEqual(nullLengths, [0, 0], "a row of [PAD] is the dropped caption")
    }

    /// `shapes-t2i-small` with captions read by MiniLM learns to put the prompted colour in the prompted cell.
    func testMiniLMConditionedImageFlowFollowsItsPrompts() throws {
        try PretrainedWeightsRequirement.require(.miniLM)
        let flowlab = try FlowlabProcess(self)
        let run = flowlab.folder.appendingPathComponent("run")
        let start = Date()
        let result = try flowlab.run(["run", Self.spec, "+model.text_encoder=minilm", "train.steps=\(Self.steps)",
                                      "--run-dir", run.path, "--threads", "2"])
        XCTAssertEqual(result.status, 0, result.standardError)
        let metrics = try HDF5File.open(run.appendingPathComponent("metrics.h5"))
        defer { try? metrics.close() }
        func metric(_ name: String) throws -> Double { try metrics.read("/eval/shapes-t2i-small_w3.0/\(name)", as: Double.self).values[0] }
        let colour = try metric("pixel_colour_accuracy"), position = try metric("pixel_position_accuracy")
        print("shapes-t2i-small with MiniLM token features, \(Self.steps) steps, CFG w = 3: colour accuracy \(colour) (chance 0.167), "
              + "position accuracy \(position) (chance 0.111); \(Int(Date().timeIntervalSince(start))) s")
        XCTAssertGreaterThan(colour, 0.7, "the images must take the prompt's colour")
        XCTAssertGreaterThan(position, 0.7, "the images must put the object in the prompt's cell")

        let sha = try PretrainedWeights.miniLM.entry("model.safetensors").sha256
        let log = try String(contentsOf: run.appendingPathComponent("log.txt"), encoding: .utf8)
        XCTAssertTrue(log.contains("model.safetensors sha256 \(sha)") && log.contains("not trained or checkpointed"), log)
        XCTAssertTrue(log.contains("distinct captions encoded once each"), log)
        let provenance = try RunDirectory.open(run).readProvenance()
        XCTAssertEqual(provenance.pretrainedWeights?["minilm/model.safetensors"], sha)
        let checkpoint = try HDF5File.open(run.appendingPathComponent("checkpoint.h5"))
        defer { try? checkpoint.close() }
        let saved = try StateDictionary.read(from: checkpoint, group: "shapes-t2i-small/params")
        XCTAssertNotNil(saved["y_embedder.y_proj.fc1.weight"])
        XCTAssertFalse(saved.keys.contains { $0.hasPrefix("embeddings.") || $0.hasPrefix("encoder.") }, "\(saved.keys.sorted())")
    }

    func testTextEncoderSpecErrorsAreLocated() throws {
        func message(_ overrides: [String]) -> String {
            do {
                _ = try ExperimentRunner.loadValidated(file: Self.spec, overrides: overrides)
                return "no error"
            } catch {
                return "\(error)"
            }
        }
        let unknown = message(["+model.text_encoder=minilm", "+model.text_features=words"])
        XCTAssertTrue(unknown.contains("model.text_features: unknown value 'words'; expected one of: tokens, pooled"), unknown)
        let encoder = message(["+model.text_encoder=clip"])
        XCTAssertTrue(encoder.contains("model.text_encoder: unknown value 'clip'; expected one of: minilm"), encoder)
        let alone = message(["+model.text_features=pooled"])
        XCTAssertTrue(alone.contains("model.text_features:") && alone.contains("add text_encoder: minilm"), alone)
        let short = message(["+model.text_encoder=minilm", "data.caption_length=2"])
        XCTAssertTrue(short.contains("data.caption_length:") && short.contains("needs at least 3 tokens per caption"), short)
        let pooled = message(["+model.text_encoder=minilm", "+model.text_features=pooled"])
        XCTAssertTrue(pooled.contains("shapes-t2i-small.yaml:") && pooled.contains("model.cross_attention:")
                      && pooled.contains("set cross_attention: false"), pooled)
    }

    /// Missing MiniLM weights fail the spec check, naming `model.text_encoder` where the spec sets it and the fetch
    /// command, before any run folder exists.
    func testMissingWeightsAreASpecErrorBeforeAnyFolderExists() throws {
        let flowlab = try FlowlabProcess(self)
        let run = flowlab.folder.appendingPathComponent("run")
        let result = try flowlab.run(["run", "Experiments/shapes-t2i-minilm.yaml", "--run-dir", run.path],
                                     environment: ["FLOWLAB_WEIGHTS": flowlab.folder.appendingPathComponent("no-weights").path])
        XCTAssertNotEqual(result.status, 0)
        let error = result.standardError
        XCTAssertTrue(error.contains("Experiments/shapes-t2i-minilm.yaml:") && error.contains("model.text_encoder: text encoder 'minilm' needs its pretrained weights"), error)
        XCTAssertTrue(error.contains("model.safetensors is missing; fetch it with `flowlab weights fetch minilm`"), error)
        XCTAssertFalse(FileManager.default.fileExists(atPath: run.path), "no run folder before the spec is valid")
    }
}
