import XCTest
@testable import FlowLab

/// `flowlab components`: every registered component is listed with a description and the options its decoder reads.
final class ComponentListingTests: XCTestCase {
    func testEveryStandardComponentHasADescription() {
        let registry = ComponentRegistry.standard
        XCTAssertEqual(registry.kinds.first, .dataset)
        for kind in registry.kinds {
            for component in registry.components(of: kind) {
                XCTAssertNotNil(component.description, "\(kind) '\(component.name)' needs a line in ComponentDescriptions")
            }
        }
        let described = Set(ComponentDescriptions.standard.keys)
        let registered = Set(registry.kinds.flatMap { kind in registry.names(of: kind).map { "\(kind.rawValue)/\($0)" } })
        XCTAssertEqual(described.subtracting(registered), [], "descriptions of components that are not registered")
    }

    func testOptionsTypesAndDefaultsComeFromTheDecoders() throws {
        let registry = ComponentRegistry.standard
        func options(_ kind: ComponentKind, _ name: String) throws -> [String] {
            try XCTUnwrap(registry.components(of: kind).first { $0.name == name }).options.map(\.description)
        }
        XCTAssertEqual(try options(.dataset, "gaussian_grid"), [
            "modes: Int = 6", "radius: Double = 4.0", "variance: Double = 0.5", "grid_lower: Double = -6.0",
            "grid_upper: Double = 6.0", "cells_per_side: Int = 100", "conditioning: Conditioning = data",
        ])
        XCTAssertEqual(try options(.scheduler, "polynomial"), ["n: Double (required)"])
        XCTAssertEqual(try options(.scheduler, "condot"), [])
        // A key whose property has another name (std -> standardDeviation), and defaults set by the caller.
        XCTAssertEqual(try options(.timeSampler, "skewed"), ["mean: Double = -1.2", "std: Double = 1.2"])
        XCTAssertEqual(try options(.scheduler, "vp"), ["beta_min: Double = 0.1", "beta_max: Double = 20.0"])
        XCTAssertEqual(try options(.solver, "euler"), ["discrete: String = euler", "divergence_free: Double = 0.0", "discrete_steps: Int = none"])
        XCTAssertEqual(try options(.source, "cross_guidance"), ["probability: Double (required)", "base: String = uniform"])
    }
}
