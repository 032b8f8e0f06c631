import Foundation
import XCTest
@testable import FlowLab

final class SweepPlanTests: XCTestCase {
    func testSplitTopLevelRespectsBracketsBracesAndQuotes() throws {
        XCTAssertEqual(try SweepAxis.splitTopLevel("a,b,c"), ["a", "b", "c"])
        XCTAssertEqual(try SweepAxis.splitTopLevel("[0, 1],[2]"), ["[0, 1]", "[2]"])
        XCTAssertEqual(try SweepAxis.splitTopLevel("{name: cfg, scale: 3}, none"), ["{name: cfg, scale: 3}", "none"])
        XCTAssertEqual(try SweepAxis.splitTopLevel("'a,b',\"c,\\\"d\",e"), ["'a,b'", "\"c,\\\"d\"", "e"])
        XCTAssertThrowsError(try SweepAxis.splitTopLevel("[0,1")) { XCTAssertTrue("\($0)".contains("missing ']'"), "\($0)") }
        XCTAssertThrowsError(try SweepAxis.splitTopLevel("0]")) { XCTAssertTrue("\($0)".contains("unbalanced"), "\($0)") }
        XCTAssertThrowsError(try SweepAxis.splitTopLevel("'open")) { XCTAssertTrue("\($0)".contains("unterminated"), "\($0)") }
    }

    func testMultirunArgumentParsing() throws {
        let axis = try SweepAxis(multirunArgument: "seeds=[0],[1],[2]")
        XCTAssertEqual(axis.key, "seeds")
        XCTAssertEqual(axis.values, ["[0]", "[1]", "[2]"])
        XCTAssertThrowsError(try SweepAxis(multirunArgument: "train.steps")) { XCTAssertTrue("\($0)".contains("expected key=value1,value2"), "\($0)") }
        XCTAssertThrowsError(try SweepAxis(multirunArgument: "train.steps=1,,3")) { XCTAssertTrue("\($0)".contains("empty value at position 2"), "\($0)") }
        XCTAssertThrowsError(try SweepAxis(multirunArgument: "=1,2")) { XCTAssertTrue("\($0)".contains("invalid sweep key"), "\($0)") }
    }

    func testHydraMultirunGrammar() throws {
        XCTAssertEqual(try SweepAxis(hydraOverride: "train.steps=100,200")?.values, ["100", "200"])
        XCTAssertEqual(try SweepAxis(hydraOverride: "seeds=[0],[1]")?.values, ["[0]", "[1]"])
        XCTAssertNil(try SweepAxis(hydraOverride: "seeds=[0,1]"), "one list value is not an axis")
        XCTAssertNil(try SweepAxis(hydraOverride: "train.steps=100"))
        XCTAssertNil(try SweepAxis(hydraOverride: "~train.gradient_clip"))
        XCTAssertNil(try SweepAxis(hydraOverride: "description='a, b'"), "a quoted comma is part of one value")
        XCTAssertEqual(try SweepAxis(hydraOverride: "lr=choice(1e-3, 3e-3)")?.values, ["1e-3", "3e-3"])
        XCTAssertEqual(try SweepAxis(hydraOverride: "g=choice({name: cfg, scales: [1, 3]},{name: cross})")?.values,
                       ["{name: cfg, scales: [1, 3]}", "{name: cross}"])
        XCTAssertEqual(try SweepAxis(hydraOverride: "a=choice(7)")?.values, ["7"], "choice() of one value is still an axis")
        XCTAssertEqual(try SweepAxis(hydraOverride: "depth=range(3)")?.values, ["0", "1", "2"])
        XCTAssertEqual(try SweepAxis(hydraOverride: "depth=range(2, 8, 2)")?.values, ["2", "4", "6"])
        XCTAssertEqual(try SweepAxis(hydraOverride: "depth=range(5,1,-2)")?.values, ["5", "3"])
        XCTAssertEqual(try SweepAxis(hydraOverride: "x=range(0, 1, 0.25)")?.values, ["0.0", "0.25", "0.5", "0.75"])
        XCTAssertEqual(try SweepAxis(hydraOverride: "x=range(0, 0.3, 0.1)")?.values, ["0.0", "0.1", "0.2"], "no accumulated rounding")
        XCTAssertEqual(try SweepAxis(hydraOverride: "+new.key=1,2")?.key, "+new.key")
        for (bad, message) in [("a=range(1, 1)", "is empty"), ("a=range(1, 5, 0)", "must not be zero"), ("a=range(a)", "not a number"),
                               ("a=range(1,2,3,4)", "1 to 3"), ("a=choice()", "at least one"), ("a=range(0, 10000000000)", "more than 100000"),
                               ("a=[0,1", "missing ']'")] {
            XCTAssertThrowsError(try SweepAxis(hydraOverride: bad), bad) { XCTAssertTrue("\($0)".contains(message), "\(bad): \($0)") }
        }
        // An axis written back as one override (what a Slurm task passes) re-expands to the same values.
        let axis = try XCTUnwrap(SweepAxis(hydraOverride: "g={name: cfg, scale: 3},{name: 'none'},[0, 1]"))
        XCTAssertEqual(try SweepAxis(hydraOverride: axis.hydraOverride), axis)
    }

    func testCartesianProductFirstAxisSlowest() throws {
        let plan = try SweepPlan(specPath: "Experiments/toy.yaml", baseOverrides: ["train.steps=10"], commandLineAxes: [
            SweepAxis(multirunArgument: "lr=1,2,3"), SweepAxis(multirunArgument: "seeds=[0],[1]"),
        ])
        XCTAssertEqual(plan.jobCount, 6)
        XCTAssertEqual(plan.jobs, [
            ["train.steps=10", "lr=1", "seeds=[0]"], ["train.steps=10", "lr=1", "seeds=[1]"],
            ["train.steps=10", "lr=2", "seeds=[0]"], ["train.steps=10", "lr=2", "seeds=[1]"],
            ["train.steps=10", "lr=3", "seeds=[0]"], ["train.steps=10", "lr=3", "seeds=[1]"],
        ])
        XCTAssertEqual(try SweepPlan(specPath: plan.specPath, baseOverrides: plan.baseOverrides, commandLineAxes: plan.axes), plan,
                       "expansion is deterministic")
    }

    func testCommandLineAxisReplacesSpecAxisInPlace() throws {
        let plan = try SweepPlan(specPath: "x.yaml",
                                 specAxes: [SweepAxis(key: "a", values: ["1", "2"]), SweepAxis(key: "b", values: ["x"])],
                                 commandLineAxes: [SweepAxis(key: "c", values: ["p", "q"]), SweepAxis(key: "a", values: ["9"])])
        XCTAssertEqual(plan.axes.map(\.key), ["a", "b", "c"])
        XCTAssertEqual(plan.axes[0].values, ["9"])
        XCTAssertEqual(plan.jobs, [["a=9", "b=x", "c=p"], ["a=9", "b=x", "c=q"]])
    }

    func testConflictsAndEmptySweepsAreErrors() throws {
        XCTAssertThrowsError(try SweepPlan(specPath: "x.yaml")) { XCTAssertTrue("\($0)".contains("nothing to sweep"), "\($0)") }
        XCTAssertThrowsError(try SweepPlan(specPath: "x.yaml", baseOverrides: ["+a=3"], commandLineAxes: [SweepAxis(key: "a", values: ["1"])])) {
            XCTAssertTrue("\($0)".contains("both overridden"), "\($0)")
        }
        XCTAssertThrowsError(try SweepPlan(specPath: "x.yaml", commandLineAxes: [SweepAxis(key: "a", values: ["1"]), SweepAxis(key: "a", values: ["2"])])) {
            XCTAssertTrue("\($0)".contains("given twice"), "\($0)")
        }
    }

    func testDryRunListing() throws {
        let plan = try SweepPlan(specPath: "Experiments/toy.yaml", commandLineAxes: [SweepAxis(multirunArgument: "a=1,2"), SweepAxis(multirunArgument: "b=x")])
        XCTAssertEqual(plan.dryRunListing(), """
        2 jobs from Experiments/toy.yaml (a: 2 x b: 1)
          [0] a=1 b=x
          [1] a=2 b=x

        """)
    }

    func testSweepFileRoundTripAndSweepID() throws {
        let root = try makeRunTestFolder(self)
        let plan = try SweepPlan(specPath: "Experiments/toy.yaml", baseOverrides: ["model={hidden: 64, name: \"mlp\"}"],
                                 commandLineAxes: [SweepAxis(multirunArgument: "train.optimizer.lr=1.0e-3,3.0e-3"),
                                                   SweepAxis(multirunArgument: "sample.guidance={name: cfg, scale: 3},{name: none}")])
        let date = Date(timeIntervalSince1970: 1_735_732_800)
        let utc = TimeZone(identifier: "UTC")!
        let id = plan.sweepID(specText: "experiment: toy\n", date: date, timeZone: utc)
        XCTAssertTrue(id.hasPrefix("20250101-120000-"))
        XCTAssertEqual(id, plan.sweepID(specText: "experiment: toy\n", date: date, timeZone: utc))
        XCTAssertNotEqual(id, plan.sweepID(specText: "experiment: toy2\n", date: date, timeZone: utc))

        let directory = try SweepDirectory.create(resultsRoot: root, experiment: "toy", sweepID: id, plan: plan)
        XCTAssertEqual(directory.url.lastPathComponent, "sweep-\(id)")
        XCTAssertEqual(directory.jobDirectory(3).lastPathComponent, "3")
        let loaded = try directory.loadPlan()
        XCTAssertEqual(loaded.plan, plan)
        XCTAssertEqual(loaded.sweepID, id)

        let again = try SweepDirectory.create(resultsRoot: root, experiment: "toy", sweepID: id, plan: plan)
        XCTAssertEqual(again.url.lastPathComponent, "sweep-\(id)-2")
        XCTAssertEqual(try again.loadPlan().sweepID, id + "-2")
    }

    func testEditedSweepFileIsRejected() throws {
        let root = try makeRunTestFolder(self)
        let plan = try SweepPlan(specPath: "x.yaml", commandLineAxes: [SweepAxis(multirunArgument: "a=1,2")])
        let directory = try SweepDirectory.create(resultsRoot: root, experiment: "x", sweepID: "id", plan: plan)
        let text = try String(contentsOf: directory.sweepFileURL, encoding: .utf8)
        try AtomicFile.write(text.replacingOccurrences(of: "overrides: [\"a=2\"]", with: "overrides: [\"a=7\"]"), to: directory.sweepFileURL)
        XCTAssertThrowsError(try directory.loadPlan()) { XCTAssertTrue("\($0)".contains("do not match"), "\($0)") }
    }
}
