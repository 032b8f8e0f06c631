import XCTest
@testable import FlowHDF5

/// The text tree shown by `flowlab inspect`.
final class TreeDescriptionTests: HDF5TestCase {
    func testTreeShowsGroupsDatasetsStorageAndAttributes() throws {
        let file = try HDF5File.create(fileURL("samples.h5"))
        try file.setAttribute("seed", 42)
        try file.setAttribute("sigmas", .doubles([0.5, 1]))
        try file.write([Float](repeating: 0, count: 8), shape: [4, 2], to: "/data/points", compression: 4)
        try file.write([Int32](repeating: 0, count: 4), to: "/data/labels")
        try file.setAttribute("classes", .strings(["left", "right"]), at: "/data/labels")
        try file.writeString("ring", to: "/config/name")
        try file.appendSeries([1.0, 2.0], to: "/train/loss")
        try file.write(UInt8(3), to: "/rng")
        XCTAssertEqual(try file.treeDescription(), """
            samples.h5
              @seed = 42
              @sigmas = [0.5, 1.0]
              config/
                name  string scalar
              data/
                labels  int32 [4]
                  @classes = ["left", "right"]
                points  float32 [4, 2]  chunks [4, 2], gzip 4
              rng  uint8 scalar
              train/
                loss  float64 [2]  chunks [1024], extendable

            """)
    }
}
