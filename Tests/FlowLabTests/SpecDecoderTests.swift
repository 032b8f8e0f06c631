import Foundation
import XCTest
@testable import FlowLab

final class SpecDecoderTests: XCTestCase {
    private struct Inner: Decodable, Equatable {
        var rate: Double
        var note: String?
    }

    private struct Outer: Decodable, Equatable {
        var count: Int
        var inner: Inner
        var items: [Inner]
        var flag: Bool?
        var table: [String: Int]?

        enum CodingKeys: String, CodingKey {
            case count, inner, items, flag, table
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            count = try container.decode(Int.self, forKey: .count, in: 1...)
            inner = try container.decode(Inner.self, forKey: .inner)
            items = try container.decode([Inner].self, forKey: .items)
            flag = try container.decodeIfPresent(Bool.self, forKey: .flag)
            table = try container.decodeIfPresent([String: Int].self, forKey: .table)
        }
    }

    private struct Ranges: Decodable {
        var count: Int
        var rate: Double?

        enum CodingKeys: String, CodingKey {
            case count, rate
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            count = try container.decode(Int.self, forKey: .count, in: 1...)
            rate = try container.decodeIfPresent(Double.self, forKey: .rate, where: .probability)
        }
    }

    private func decode(_ yaml: String) throws -> Outer {
        try SpecDecoder.decode(Outer.self, from: SpecNode.parse(yaml: yaml, file: "t.yaml"), keyPath: "root")
    }

    func testDecodesNestedValues() throws {
        let value = try decode("count: 2\ninner: {rate: 1}\nitems: [{rate: 0.5, note: hi}]\ntable: {a: 1, b: 2}\n")
        XCTAssertEqual(value.count, 2)
        XCTAssertEqual(value.inner, Inner(rate: 1, note: nil))
        XCTAssertEqual(value.items, [Inner(rate: 0.5, note: "hi")])
        XCTAssertEqual(value.table, ["a": 1, "b": 2])
    }

    func testUnknownKeyNamesLineKeyPathAndSuggestion() {
        let error = expectSpecError(try decode("count: 2\ninner: {rate: 1}\nitems:\n  - rate: 1\n    nte: x\n"))
        XCTAssertEqual(error?.description, "t.yaml:5:5: root.items[0].nte: unknown key 'nte'; did you mean 'note'?")
    }

    func testUnknownKeyWithoutCloseMatchListsValidKeys() {
        let error = expectSpecError(try decode("count: 2\ninner: {rate: 1}\nitems: []\nzzzzzz: 1\n"))
        XCTAssertEqual(error?.message, "unknown key 'zzzzzz'; valid keys: count, flag, inner, items, table")
        assertLocation(error?.location, "t.yaml", 4, 1)
    }

    func testMisspelledRequiredKeyIsReportedAsUnknownKeyWithSuggestion() {
        let error = expectSpecError(try decode("count: 2\ninner: {rtae: 1}\nitems: []\n"))
        XCTAssertEqual(error?.description, "t.yaml:2:9: root.inner.rtae: unknown key 'rtae'; did you mean 'rate'?")
    }

    func testWrongTypes() {
        let integer = expectSpecError(try decode("count: abc\ninner: {rate: 1}\nitems: []\n"))
        XCTAssertEqual(integer?.description, "t.yaml:1:8: root.count: expected an integer, got string 'abc'")
        let float = expectSpecError(try decode("count: 1.5\ninner: {rate: 1}\nitems: []\n"))
        XCTAssertEqual(float?.message, "expected an integer, got float '1.5'")
        let number = expectSpecError(try decode("count: 1\ninner: {rate: fast}\nitems: []\n"))
        XCTAssertEqual(number?.keyPath, "root.inner.rate")
        let list = expectSpecError(try decode("count: 1\ninner: {rate: 1}\nitems: {rate: 1}\n"))
        XCTAssertEqual(list?.message, "expected a list, got a mapping")
        let mapping = expectSpecError(try decode("count: 1\ninner: 3\nitems: []\n"))
        XCTAssertEqual(mapping?.message, "expected a mapping, got integer '3'")
        let boolean = expectSpecError(try decode("count: 1\ninner: {rate: 1, note: yes}\nitems: []\n"))
        XCTAssertEqual(boolean?.message, "expected a string, got boolean 'yes'")
        let flag = expectSpecError(try decode("count: 1\ninner: {rate: 1}\nitems: []\nflag: 1\n"))
        XCTAssertEqual(flag?.message, "expected a boolean (true or false), got integer '1'")
    }

    func testMissingRequiredKeyPointsAtTheParentMapping() {
        let error = expectSpecError(try decode("count: 1\ninner:\n  note: x\nitems: []\n"))
        XCTAssertEqual(error?.description, "t.yaml:3:3: root.inner.rate: missing required key 'rate' in 'root.inner'")
    }

    func testRangeHelpersGiveLocatedErrors() {
        let error = expectSpecError(try decode("count: 0\ninner: {rate: 1}\nitems: []\n"))
        XCTAssertEqual(error?.description, "t.yaml:1:8: root.count: 0 is out of range; must be >= 1")
    }

    func testEveryOutOfRangeValueAndUnknownKeyIsReportedSortedByPosition() {
        // count is decoded first but written second.
        let errors = expectSpecErrors(try SpecDecoder.decode(Ranges.self, from: SpecNode.parse(yaml: "rate: 2\ncount: 0\nextra: 1\n", file: "t.yaml")))
        XCTAssertEqual(errors.map(\.description), [
            "t.yaml:1:7: rate: 2.0 is out of range; must be a probability in [0, 1]",
            "t.yaml:2:8: count: 0 is out of range; must be >= 1",
            "t.yaml:3:1: extra: unknown key 'extra'; valid keys: count, rate",
        ])
    }

    func testOutOfRangeValuesComeWithTheErrorThatStoppedDecoding() {
        let errors = expectSpecErrors(try decode("count: 0\ninner: {rate: fast}\nitems: []\n"))
        XCTAssertEqual(errors.map(\.keyPath), ["root.count", "root.inner.rate"])
        XCTAssertEqual(errors.last?.message, "expected a number, got string 'fast'")
    }

    func testConstraintsOfOtherDecodersThrowAtOnce() {
        XCTAssertThrowsError(try JSONDecoder().decode(Ranges.self, from: Data(#"{"count": 0, "rate": 2}"#.utf8))) { error in
            guard case let .dataCorrupted(context) = error as? DecodingError else { return XCTFail("expected a DecodingError, got \(error)") }
            XCTAssertEqual(context.codingPath.map(\.stringValue), ["count"])
            XCTAssertEqual(context.debugDescription, "0 is out of range; must be >= 1")
        }
    }

    func testSeveralErrorsAreSortedByPosition() {
        func error(_ location: SpecLocation, _ keyPath: String) -> SpecError { SpecError(location: location, keyPath: keyPath, message: "m") }
        let errors = SpecErrors([error(.override("b=1"), "b"), error(.file(path: "child.yaml", line: 9, column: 3), "child9"),
                                 error(.generated, "generated"), error(.file(path: "base.yaml", line: 2, column: 1), "base2"),
                                 error(.file(path: "child.yaml", line: 2, column: 5), "child2"), error(.override("a=1"), "a")])
        XCTAssertEqual(errors.errors.map(\.keyPath), ["child2", "child9", "base2", "b", "a", "generated"])
    }

    func testConstraints() {
        XCTAssertTrue(SpecConstraint<Double>.probability.accepts(1))
        XCTAssertFalse(SpecConstraint<Double>.probability.accepts(1.0001))
        XCTAssertFalse(SpecConstraint<Int>.positive.accepts(0))
        XCTAssertTrue(SpecConstraint<Int>.nonNegative.accepts(0))
        XCTAssertFalse(SpecConstraint<Double>.within(0.0..<1.0).accepts(1))
        XCTAssertEqual(SpecConstraint<Double>.within(0.0..<1.0).requirement, "must be in [0.0, 1.0)")
    }

    func testIntegerOverflowIsAnError() {
        struct Small: Decodable { var value: Int8 }
        let error = expectSpecError(try SpecDecoder.decode(Small.self, from: SpecNode.parse(yaml: "value: 300", file: "t.yaml")))
        XCTAssertTrue(error?.message.contains("does not fit in Int8") ?? false)
    }

    func testNoOptionsRejectsAnyKey() {
        let error = expectSpecError(try SpecDecoder.decode(NoOptions.self, from: SpecNode.parse(yaml: "x: 1", file: "t.yaml")))
        XCTAssertEqual(error?.message, "unknown key 'x'; no keys are allowed here")
    }

    func testSpecNodePropertiesAreTakenWhole() throws {
        struct Holder: Decodable { var anything: SpecNode }
        let holder = try SpecDecoder.decode(Holder.self, from: SpecNode.parse(yaml: "anything: {a: 1, b: [2]}", file: "t.yaml"))
        XCTAssertEqual(holder.anything["b"], .sequence([.integer(2)]))
    }
}
