import Foundation
import XCTest
@testable import FlowHDF5

/// The process-wide lock lets separate files be used from separate threads.
final class ConcurrencyTests: HDF5TestCase {
    func testSeparateFilesOnSeparateThreadsDoNotInterfere() throws {
        let urls = (0..<8).map { fileURL("thread\($0).h5") }
        DispatchQueue.concurrentPerform(iterations: urls.count) { index in
            do {
                let file = try HDF5File.create(urls[index])
                for step in 0..<50 { try file.appendSeries(Double(index * 1000 + step), to: "/train/loss") }
                try file.setAttribute("thread", .int(index))
                try file.close()
            } catch {
                XCTFail("\(error)")
            }
        }
        for (index, url) in urls.enumerated() {
            let file = try HDF5File.open(url)
            XCTAssertEqual(try file.readSeries("/train/loss", as: Double.self), (0..<50).map { Double(index * 1000 + $0) })
            XCTAssertEqual(try file.attribute("thread"), .int(index))
        }
    }
}
