import XCTest
@testable import FlowLab

final class SpecNodeTests: XCTestCase {
    func testParseKeepsLocationsKindsAndOrder() throws {
        let node = try SpecNode.parse(yaml: "b: 1\na:\n  x: 1.5\n  y: \"2\"\n  z: [true, null, abc]\n", file: "t.yaml")
        XCTAssertEqual(node.entries?.map(\.key), ["b", "a"])
        assertLocation(node["a"]?["x"]?.location, "t.yaml", 3, 6)
        assertLocation(node["a"]?.entries?[1].keyLocation, "t.yaml", 4, 3)
        XCTAssertEqual(node["b"]?.scalar?.kind, .integer)
        XCTAssertEqual(node["a"]?["x"]?.scalar?.kind, .float)
        XCTAssertEqual(node["a"]?["y"]?.scalar?.kind, .string, "quoted numbers are strings")
        XCTAssertEqual(node["a"]?["z"]?.elements?.map { $0.scalar?.kind }, [.boolean, .null, .string])
    }

    func testInvalidYAMLIsLocated() {
        let error = expectSpecError(try SpecNode.parse(yaml: "a: [1, 2\nb: 3\n", file: "bad.yaml"))
        XCTAssertTrue(error?.description.hasPrefix("bad.yaml:") ?? false, error?.description ?? "")
        XCTAssertTrue(error?.message.contains("invalid YAML") ?? false)
    }

    func testDuplicateKeyIsAnError() {
        let error = expectSpecError(try SpecNode.load(file: SpecFixtures.path("errors/duplicate_key.yaml")))
        assertLocation(error?.location, "duplicate_key.yaml", 3, 1)
        XCTAssertTrue(error?.message.contains("duplicate key 'seeds'") ?? false)
        XCTAssertTrue(error?.message.contains("duplicate_key.yaml:2:1") ?? false, error?.message ?? "")
    }

    func testMergeIsDeepChildWinsAndListsReplaceWhole() throws {
        let base = try SpecNode.parse(yaml: "a: {x: 1, y: [1, 2]}\nb: 2\n", file: "base.yaml")
        let child = try SpecNode.parse(yaml: "a: {y: [3], z: 4}\nc: 5\n", file: "child.yaml")
        let merged = child.merged(over: base)
        let expected = try SpecNode.parse(yaml: "a: {x: 1, y: [3], z: 4}\nb: 2\nc: 5\n", file: "expected.yaml")
        XCTAssertEqual(merged, expected)
        assertLocation(merged["a"]?["x"]?.location, "base.yaml", 1, 8)
        assertLocation(merged["a"]?["y"]?.location, "child.yaml", 1, 8)
    }

    func testExtendsMergesParentWithChildWinning() throws {
        let node = try SpecNode.load(file: SpecFixtures.path("child.yaml"))
        XCTAssertNil(node["extends"])
        XCTAssertEqual(node["experiment"], .string("modecollapse_child"))
        XCTAssertEqual(node["train"]?["steps"], .integer(500))
        XCTAssertEqual(node["train"]?["batch_size"], .integer(256), "inherited from base")
        XCTAssertEqual(node["modalities"]?["label"]?["scheduler"]?["n"], .integer(2))
        XCTAssertEqual(node["modalities"]?["label"]?["path"], .string("mixture"))
        XCTAssertEqual(node.entries?.first?.key, "experiment", "parent key order is kept")
        assertLocation(node["train"]?["steps"]?.location, "child.yaml", 9, 10)
        assertLocation(node["train"]?["batch_size"]?.location, "base.yaml", 30, 15)
    }

    func testExtendsIsRecursiveAndRelativeToEachFile() throws {
        let node = try SpecNode.load(file: SpecFixtures.path("grandchild.yaml"))
        XCTAssertEqual(node["train"]?["batch_size"], .integer(64))
        XCTAssertEqual(node["train"]?["steps"], .integer(500))
        XCTAssertEqual(node["data"]?["name"], .string("gaussian_grid"))
        let nested = try SpecNode.load(file: SpecFixtures.path("nested/uses_parent.yaml"))
        XCTAssertEqual(nested["experiment"], .string("nested_spec"))
        XCTAssertEqual(nested["train"]?["steps"], .integer(2000))
    }

    func testExtendsCycleIsAnError() {
        let error = expectSpecError(try SpecNode.load(file: SpecFixtures.path("cycle_a.yaml")))
        XCTAssertEqual(error?.keyPath, "extends")
        XCTAssertEqual(error?.message, "extends cycle: cycle_a.yaml -> cycle_b.yaml -> cycle_a.yaml")
        assertLocation(error?.location, "cycle_b.yaml", 1, 10)
    }

    func testMissingParentIsLocatedAtTheExtendsValue() {
        let error = expectSpecError(try SpecNode.load(file: SpecFixtures.path("errors/missing_parent.yaml")))
        assertLocation(error?.location, "missing_parent.yaml", 2, 10)
        XCTAssertTrue(error?.message.contains("does not exist") ?? false, error?.message ?? "")
    }

    func testMissingFileIsAnError() {
        let error = expectSpecError(try SpecNode.load(file: "/nonexistent/spec.yaml"))
        XCTAssertTrue(error?.description.contains("spec file '/nonexistent/spec.yaml' does not exist") ?? false)
    }

    func testYAMLTextRoundTripsValuesKindsAndOrder() throws {
        let text = """
        name: plain
        quoted: "1.0"
        yes_text: "yes"
        null_text: "null"
        empty: ""
        spaced: "a b: c # d"
        escapes: "tab\\there \\"q\\" back\\\\slash\\nnewline"
        number: 1.0e-3
        big: 0x1F
        flag: true
        nothing: null
        list: [1, two, [3, 4]]
        maps: [{name: repa, weight: 0.5}, {}]
        nested: {a: {b: [[1], [2]]}}
        "key with space": 1
        "1": one
        empty_map: {}
        deep_lists: [[{a: 1}]]
        """
        let node = try SpecNode.parse(yaml: text, file: "t.yaml")
        let emitted = node.yamlText
        let reparsed = try SpecNode.parse(yaml: emitted, file: "emitted.yaml")
        XCTAssertEqual(reparsed, node, emitted)
        XCTAssertEqual(reparsed.entries?.map(\.key), node.entries?.map(\.key))
        XCTAssertTrue(emitted.contains("number: 1.0e-3\n"), emitted)
        XCTAssertTrue(emitted.contains("list: [1, two, [3, 4]]\n"), emitted)
        XCTAssertTrue(emitted.contains("quoted: \"1.0\"\n"), emitted)
        XCTAssertEqual(reparsed.yamlText, emitted, "emission is stable")
    }

    func testEqualityComparesNumbersByValueAndIgnoresLocations() throws {
        XCTAssertEqual(SpecNode.plain("1.0e-3", location: .override("a")), SpecNode.float(0.001))
        XCTAssertNotEqual(SpecNode.plain("1"), SpecNode.string("1"))
        XCTAssertEqual(SpecNode.plain("yes"), SpecNode.boolean(true))
        XCTAssertEqual(SpecNode.float(1e-5).scalar?.kind, .float)
        XCTAssertEqual(SpecNode.resolvedKind(ofPlain: SpecNode.float(1e20).scalar!.text), .float)
    }
}
