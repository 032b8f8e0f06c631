import XCTest
@testable import FlowLab

/// Small stand-ins for components that live in other modules.
private protocol TestScheduler: Sendable { var power: Double { get } }
private struct PolynomialScheduler: TestScheduler { let power: Double }
private struct CosineScheduler: TestScheduler { var power: Double { 1 } }

private struct PolynomialOptions: Decodable, Sendable {
    var n: Double
    enum CodingKeys: String, CodingKey { case n }
    init(from decoder: any Decoder) throws {
        n = try decoder.container(keyedBy: CodingKeys.self).decode(Double.self, forKey: .n, where: .positive)
    }
}

private struct GridOptions: Decodable, Sendable {
    var radius: Double
}

private struct MLPOptions: Decodable, Sendable {
    var hidden: Int
    var conditioning: String?
}

final class RegistryTests: XCTestCase {
    private func registry() -> ComponentRegistry {
        var registry = ComponentRegistry()
        registry.register(.scheduler, "polynomial", options: PolynomialOptions.self) { PolynomialScheduler(power: $0.n) as any TestScheduler }
        registry.register(.scheduler, "cosine") { CosineScheduler() as any TestScheduler }
        registry.register(.scheduler, "condot") { CosineScheduler() as any TestScheduler }
        registry.register(.dataset, "gaussian_grid", options: GridOptions.self) { "grid \($0.radius)" }
        registry.register(.model, "joint_mlp", options: MLPOptions.self) { "mlp \($0.hidden)" }
        for (kind, names) in [(ComponentKind.path, ["affine", "mixture"]),
                              (.source, ["gaussian", "uniform"]), (.timeSampler, ["uniform"]), (.loss, ["mse", "generalized_kl"]),
                              (.solver, ["euler"]), (.metric, ["label_tv", "mode_tv"])] {
            for name in names { registry.register(kind, name) { name } }
        }
        return registry
    }

    private func spec(_ fixture: String) throws -> ExperimentSpec {
        try ExperimentSpec.load(file: SpecFixtures.path(fixture))
    }

    func testMakesComponentsWithDecodedOptions() throws {
        let spec = try spec("base.yaml")
        let scheduler = try registry().make((any TestScheduler).self, .scheduler, from: try XCTUnwrap(spec.modalities[1].scheduler))
        XCTAssertEqual(scheduler.power, 1)
        let cosine = try registry().make((any TestScheduler).self, .scheduler, from: ComponentSpec(name: "cosine"))
        XCTAssertTrue(cosine is CosineScheduler)
        XCTAssertEqual(registry().names(of: .scheduler), ["condot", "cosine", "polynomial"])
    }

    func testUnknownNameListsRegisteredNames() throws {
        let spec = try spec("errors/unknown_component.yaml")
        let error = expectSpecError(try registry().make((any TestScheduler).self, .scheduler, from: try XCTUnwrap(spec.modalities[1].scheduler)))
        XCTAssertEqual(error?.keyPath, "modalities.label.scheduler")
        XCTAssertEqual(error?.message, "unknown scheduler 'polynomal'; registered: condot, cosine, polynomial; did you mean 'polynomial'?")
        assertLocation(error?.location, "unknown_component.yaml", 4, 16)
        let validation = expectSpecError(try registry().validate(spec))
        XCTAssertEqual(validation, error)
        let none = expectSpecError(try ComponentRegistry().validate(ComponentSpec(name: "x"), as: .guidance))
        XCTAssertEqual(none?.message, "unknown guidance 'x'; no guidance components are registered")
    }

    func testUnknownOptionIsLocated() throws {
        let spec = try spec("errors/unknown_option.yaml")
        let error = expectSpecError(try registry().make((any TestScheduler).self, .scheduler, from: try XCTUnwrap(spec.modalities[1].scheduler)))
        assertLocation(error?.location, "unknown_option.yaml", 4, 35)
        XCTAssertEqual(error?.keyPath, "modalities.label.scheduler.nn")
        XCTAssertEqual(error?.message, "unknown key 'nn'; did you mean 'n'?")
    }

    func testOptionRangesAndNoOptionComponents() throws {
        let negative = ComponentSpec(name: "polynomial", options: .mapping([("n", .integer(-1))]), keyPath: "s")
        XCTAssertEqual(expectSpecError(try registry().validate(negative, as: .scheduler))?.description, "<generated>: s.n: -1.0 is out of range; must be > 0.0")
        let extra = ComponentSpec(name: "cosine", options: .mapping([("n", .integer(1))]), keyPath: "s")
        XCTAssertEqual(expectSpecError(try registry().validate(extra, as: .scheduler))?.message, "unknown key 'n'; no keys are allowed here")
    }

    func testEveryOptionErrorOfAComponentIsReported() throws {
        let node = try SpecNode.parse(yaml: "data: {name: gaussian_grid, modes: -1, radius: -2}\n", file: "t.yaml")
        let data = try SpecDecoder.decode(ComponentSpec.self, from: XCTUnwrap(node["data"]), keyPath: "data")
        let errors = expectSpecErrors(try ComponentRegistry.standard.validate(data, as: .dataset))
        XCTAssertEqual(errors.map(\.description), [
            "t.yaml:1:36: data.modes: -1 is out of range; must be in [1, \(SizeLimits.modes)]",
            "t.yaml:1:48: data.radius: -2.0 is out of range; must be >= 0.0",
        ])
        XCTAssertEqual(expectSpecErrors(try ComponentRegistry.standard.make(Any.self, .dataset, from: data)), errors)
        // grid_upper is checked against grid_lower only when grid_lower itself is valid.
        let grid = try SpecNode.parse(yaml: "data: {name: gaussian_grid, grid_lower: .nan, grid_upper: 3}\n", file: "t.yaml")
        let gridData = try SpecDecoder.decode(ComponentSpec.self, from: XCTUnwrap(grid["data"]), keyPath: "data")
        XCTAssertEqual(expectSpecError(try ComponentRegistry.standard.validate(gridData, as: .dataset))?.keyPath, "data.grid_lower")
    }

    func testWrongProductTypeIsAnError() {
        let error = expectSpecError(try registry().make(Int.self, .scheduler, from: ComponentSpec(name: "cosine")))
        XCTAssertTrue(error?.message.contains("not Int") ?? false, error?.message ?? "")
    }

    func testValidateChecksEveryComponentOfASpec() throws {
        XCTAssertNoThrow(try registry().validate(spec("base.yaml")))
        let child = try spec("child.yaml")
        // Every unknown component is reported, not only the first.
        XCTAssertThrowsError(try registry().validate(child)) { error in
            let messages = (error as? SpecErrors)?.errors.map(\.message) ?? [(error as? SpecError)?.message ?? "\(error)"]
            XCTAssertTrue(messages.contains("unknown alignment 'repa'; no alignment components are registered"), "\(messages)")
        }
        XCTAssertEqual(child.components.count, 16)
        XCTAssertEqual(try registry().make(String.self, .model, from: child.model), "mlp 256")
    }
}
