import XCTest
@testable import FlowLab

final class SpecOverrideTests: XCTestCase {
    private func base() throws -> SpecNode {
        try SpecNode.parse(yaml: "train:\n  steps: 10\n  lr: 0.1\nseeds: [0]\nname: x\n", file: "base.yaml")
    }

    private func apply(_ texts: String...) throws -> SpecNode {
        try base().applying(texts.map(OverrideParser.parse))
    }

    // MARK: Parsing

    func testParsesEachForm() throws {
        XCTAssertEqual(try OverrideParser.parse("train.steps=500"),
                       Override(action: .set, keyPath: ["train", "steps"], value: .integer(500), location: .override("train.steps=500")))
        XCTAssertEqual(try OverrideParser.parse("+new.key=1").action, .add)
        XCTAssertEqual(try OverrideParser.parse("++key=1").action, .setOrAdd)
        let delete = try OverrideParser.parse("~train.lr")
        XCTAssertEqual(delete.action, .delete)
        XCTAssertNil(delete.value)
        XCTAssertEqual(try OverrideParser.parse("~train.lr=0.1").value, .float(0.1))
    }

    func testParsesValuesAsYAMLFlow() throws {
        XCTAssertEqual(try OverrideParser.parse("a=[1,2]").value, .sequence([.integer(1), .integer(2)]))
        XCTAssertEqual(try OverrideParser.parse("a={x: 1, y: [a, b]}").value,
                       .mapping([("x", .integer(1)), ("y", .sequence([.string("a"), .string("b")]))]))
        XCTAssertEqual(try OverrideParser.parse("a=null").value?.scalar?.kind, .null)
        XCTAssertEqual(try OverrideParser.parse("a=\"1,2\"").value, .string("1,2"))
        XCTAssertEqual(try OverrideParser.parse("a='it''s'").value, .string("it's"))
        XCTAssertEqual(try OverrideParser.parse("a=1.0e-3").value, .float(0.001))
        XCTAssertEqual(try OverrideParser.parse("a=true").value, .boolean(true))
        XCTAssertEqual(try OverrideParser.parse("a=hello world").value, .string("hello world"))
        XCTAssertEqual(try OverrideParser.parse("a=").value, .string(""))
        XCTAssertEqual(try OverrideParser.parse("a=x=y").value, .string("x=y"), "only the first '=' splits")
        XCTAssertEqual(try OverrideParser.parse("a=[1,2]").value?.location, .override("a=[1,2]"))
    }

    func testParseErrors() {
        XCTAssertTrue(expectSpecError(try OverrideParser.parse("train.steps"))?.message.contains("expected key=value") ?? false)
        XCTAssertTrue(expectSpecError(try OverrideParser.parse("=3"))?.message.contains("missing key") ?? false)
        XCTAssertTrue(expectSpecError(try OverrideParser.parse("train..steps=3"))?.message.contains("invalid key") ?? false)
        XCTAssertTrue(expectSpecError(try OverrideParser.parse("train steps=3"))?.message.contains("invalid key") ?? false)
        XCTAssertTrue(expectSpecError(try OverrideParser.parse("a=[1,2"))?.message.contains("missing ']'") ?? false)
        XCTAssertTrue(expectSpecError(try OverrideParser.parse("a=1]"))?.message.contains("unbalanced") ?? false)
        XCTAssertTrue(expectSpecError(try OverrideParser.parse("a=\"abc"))?.message.contains("unclosed") ?? false)
        XCTAssertTrue(expectSpecError(try OverrideParser.parse("a={x: [}"))?.message.contains("unbalanced") ?? false)
        XCTAssertTrue(expectSpecError(try OverrideParser.parse("a='x' y"))?.message.contains("invalid value") ?? false)
        let sweep = expectSpecError(try OverrideParser.parse("train.steps=1,2"))
        XCTAssertEqual(sweep?.location, .override("train.steps=1,2"))
        XCTAssertTrue(sweep?.message.contains("sweep") ?? false)
    }

    func testSweepValuesSplitAtTopLevelCommas() throws {
        XCTAssertEqual(try OverrideParser.sweepValues("a,b,[1,2]"),
                       [.string("a"), .string("b"), .sequence([.integer(1), .integer(2)])])
        XCTAssertEqual(try OverrideParser.sweepValues("'x,y', {a: 1, b: 2}, 3"),
                       [.string("x,y"), .mapping([("a", .integer(1)), ("b", .integer(2))]), .integer(3)])
        let overrides = try OverrideParser.parseSweep("+train.clip=0.5,1.0")
        XCTAssertEqual(overrides.map(\.action), [.add, .add])
        XCTAssertEqual(overrides.map(\.value), [.float(0.5), .float(1.0)])
        XCTAssertNotNil(expectSpecError(try OverrideParser.parseSweep("~train.clip")))
    }

    // MARK: Applying

    func testSetAddSetOrAddDelete() throws {
        let node = try apply("train.steps=500", "+train.clip=1.0", "++train.lr=0.2", "++new.deep.key=[1]", "~name", "~seeds=[0]")
        XCTAssertEqual(node["train"]?["steps"], .integer(500))
        XCTAssertEqual(node["train"]?["clip"], .float(1.0))
        XCTAssertEqual(node["train"]?["lr"], .float(0.2))
        XCTAssertEqual(node["new"]?["deep"]?["key"], .sequence([.integer(1)]))
        XCTAssertNil(node["name"])
        XCTAssertNil(node["seeds"])
        XCTAssertEqual(node["train"]?["steps"]?.location, .override("train.steps=500"))
        XCTAssertEqual(node["train"]?.entries?.map(\.key), ["steps", "lr", "clip"])
    }

    func testSetOfMissingKeySuggestsPlusAndTheClosestKey() {
        let error = expectSpecError(try apply("train.stpes=5"))
        XCTAssertEqual(error?.description,
                       "override 'train.stpes=5': train.stpes: key 'train.stpes' not in spec; use +train.stpes=... to add it; did you mean 'train.steps'?")
        let outer = expectSpecError(try apply("trian.steps=5"))
        XCTAssertTrue(outer?.message.hasSuffix("did you mean 'train.steps'?") ?? false, outer?.message ?? "")
    }

    func testAddOfExistingKeyIsAnError() {
        let error = expectSpecError(try apply("+train.steps=5"))
        XCTAssertTrue(error?.message.contains("already in the spec (integer '10' at base.yaml:2:10)") ?? false, error?.message ?? "")
        XCTAssertTrue(error?.message.contains("++train.steps") ?? false)
    }

    func testDeleteErrors() {
        let missing = expectSpecError(try apply("~train.stps"))
        XCTAssertEqual(missing?.message, "cannot delete 'train.stps': key not in spec; did you mean 'train.steps'?")
        let mismatch = expectSpecError(try apply("~train.steps=11"))
        XCTAssertTrue(mismatch?.message.contains("its value is integer '10'") ?? false, mismatch?.message ?? "")
    }

    func testPathThroughAScalarIsAnError() {
        let error = expectSpecError(try apply("++train.steps.x=1"))
        XCTAssertEqual(error?.message, "cannot reach 'train.steps.x': 'train.steps' is integer '10', not a mapping")
    }
}
