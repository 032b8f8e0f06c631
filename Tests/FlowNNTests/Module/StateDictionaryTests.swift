import Foundation
import FlowHDF5
import FlowTensor
import XCTest
@testable import FlowNN

final class StateDictionaryTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("FlowNNTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func block(seed: UInt64, dtype: DType = .float32) -> TransformerBlock {
        var generator = RandomGenerator(seed: seed)
        return TransformerBlock(width: 8, heads: 2, dtype: dtype, generator: &generator)
    }

    func testSavedStateLoadsIntoAnotherModelThroughHDF5() throws {
        let source = block(seed: 1), target = block(seed: 2)
        XCTAssertNotEqual(source.attention.queryKeyValue.weight.floats, target.attention.queryKeyValue.weight.floats)
        let url = folder.appendingPathComponent("model.h5")
        try StateDictionary.save(source.stateDict(), to: url)
        try target.loadStateDict(StateDictionary.load(from: url))
        for ((name, a), (_, b)) in zip(source.namedParameters(), target.namedParameters()) {
            XCTAssertEqual(a.floats, b.floats, name)
        }
        // The layout other tools read: /params/<dotted.name>, float32, with the tensor's shape.
        let file = try HDF5File.open(url)
        let info = try file.datasetInfo("/params/attn.qkv.weight")
        XCTAssertEqual(info.shape, [24, 8])
        XCTAssertEqual(info.dataType, .float32)
        XCTAssertEqual(try file.datasetPaths(under: "/params").count, 12)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "model.h5" }
        XCTAssertEqual(leftovers, [], "the atomic write leaves no temporary file")
    }

    func testLoadingConvertsDtypeAndKeepsParameterIdentity() throws {
        let source = block(seed: 1), target = block(seed: 2, dtype: .float64)
        let weight = target.mlp.hiddenLayer.weight
        try target.loadStateDict(source.stateDict())
        XCTAssertTrue(target.mlp.hiddenLayer.weight === weight)
        XCTAssertEqual(weight.dtype, .float64)
        XCTAssertEqual(weight.floats, source.mlp.hiddenLayer.weight.floats)
    }

    func testErrorListsEveryMissingUnexpectedAndMisShapedName() {
        let model = block(seed: 1)
        var state = model.stateDict()
        state["norm1.bias"] = nil
        state["mlp.fc2.bias"] = nil
        state["attn.extra"] = Tensor.zeros([3])
        state["attn.qkv.weight"] = Tensor.zeros([8, 8])
        let before = model.norm1.weight!.floats
        state["norm1.weight"] = Tensor.zeros([8])
        XCTAssertThrowsError(try model.loadStateDict(state)) { error in
            guard let error = error as? StateDictionaryError else { return XCTFail("wrong error \(error)") }
            XCTAssertEqual(error.missing, ["mlp.fc2.bias", "norm1.bias"])
            XCTAssertEqual(error.unexpected, ["attn.extra"])
            XCTAssertEqual(error.mismatched, [.init(name: "attn.qkv.weight", expected: [24, 8], found: [8, 8])])
            let text = error.description
            for name in ["mlp.fc2.bias", "norm1.bias", "attn.extra", "attn.qkv.weight", "[24, 8]"] {
                XCTAssertTrue(text.contains(name), "\(text) names \(name)")
            }
        }
        XCTAssertEqual(model.norm1.weight!.floats, before, "nothing is written when the state does not fit")
    }

    func testNonStrictLoadingIgnoresNamesButNotShapes() throws {
        let model = block(seed: 1)
        try model.loadStateDict(["norm1.weight": Tensor.full([8], 2), "unknown": Tensor.zeros([1])], strict: false)
        XCTAssertEqual(model.norm1.weight!.floats, Array(repeating: 2, count: 8))
        XCTAssertThrowsError(try model.loadStateDict(["norm1.weight": Tensor.zeros([9])], strict: false))
    }

    func testReadingAMissingGroupOrFileThrowsHDF5Errors() throws {
        let url = folder.appendingPathComponent("model.h5")
        XCTAssertThrowsError(try StateDictionary.load(from: url)) { XCTAssertTrue($0 is HDF5Error) }
        try StateDictionary.save(block(seed: 1).stateDict(), to: url, group: "ema")
        XCTAssertThrowsError(try StateDictionary.load(from: url, group: "params")) { error in
            XCTAssertEqual((error as? HDF5Error)?.kind, .objectNotFound)
        }
        XCTAssertEqual(try StateDictionary.load(from: url, group: "ema").count, 12)
    }

    func testNamesWithSlashesAreRefused() {
        let url = folder.appendingPathComponent("bad.h5")
        XCTAssertThrowsError(try StateDictionary.save(["a/b": Tensor.zeros([1])], to: url))
        XCTAssertFalse(FileManager.default.fileExists(atPath: url.path))
    }
}
