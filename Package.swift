// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "FlowLab",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "flowlab", targets: ["flowlab"]),
        .library(name: "FlowLab", targets: ["FlowLab"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // System-library leaves: modulemap + shim.h, no logic.
        .systemLibrary(name: "CBLAS", pkgConfig: "openblas", providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(name: "CLAPACK", pkgConfig: "lapacke", providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(name: "CHDF5", pkgConfig: "hdf5", providers: [.apt(["libhdf5-dev"])]),
        .systemLibrary(name: "CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
        .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg62-turbo-dev"])]),
        .systemLibrary(name: "CTurboJPEG", pkgConfig: "libturbojpeg", providers: [.apt(["libturbojpeg0-dev"])]),
        // libpng reports errors by longjmp; Swift cannot setjmp, so these few guarded calls are C (no image logic).
        .target(name: "CImageShims", dependencies: ["CPNG"]),
        .target(name: "FlowImages", dependencies: ["CImageShims", "CPNG", "CTurboJPEG"]),  // zlib comes with libpng; a CZlib module would clash with ZIPFoundation's own

        .target(name: "FlowTensor", dependencies: ["CBLAS", .product(name: "RealModule", package: "swift-numerics")]),
        .target(name: "FlowSupport", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "FlowHDF5", dependencies: ["CHDF5", "FlowSupport"]),
        .target(name: "FlowNN", dependencies: ["FlowTensor", "FlowHDF5", "FlowSupport", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "FlowMatching", dependencies: ["FlowTensor", "FlowNN"]),
        .target(name: "FlowModels", dependencies: ["FlowNN", "FlowData", "FlowSupport"]),
        .target(name: "FlowData", dependencies: ["FlowTensor", "FlowHDF5", "FlowImages"]),
        .target(name: "FlowMetrics", dependencies: ["FlowTensor", "CBLAS", "CLAPACK", "FlowData", "FlowSupport"]),
        .target(name: "FlowPlot", dependencies: ["FlowSupport", "FlowImages"]),
        .target(name: "FlowLab", dependencies: [
            "FlowTensor", "FlowNN", "FlowHDF5", "FlowMatching", "FlowModels", "FlowData", "FlowMetrics", "FlowPlot", "Yams",
            "FlowSupport", .product(name: "Crypto", package: "swift-crypto"), .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
        .executableTarget(name: "flowlab", dependencies: [
            "FlowLab", "FlowTensor", "FlowHDF5", "FlowMetrics", "FlowData", "FlowPlot", "FlowImages", "FlowNN", "FlowModels",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "FlowBench", dependencies: ["FlowLab", "FlowTensor", "FlowNN", "FlowMetrics", "FlowData", "FlowImages", "FlowModels", "FlowMatching"]),

        .testTarget(name: "FlowTensorTests", dependencies: ["FlowTensor"]),
        .testTarget(name: "FlowHDF5Tests", dependencies: ["FlowHDF5"]),
        .testTarget(name: "FlowNNTests", dependencies: ["FlowNN", "FlowHDF5", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "FlowMatchingTests", dependencies: ["FlowMatching", "FlowHDF5"]),
        .testTarget(name: "FlowMetricsTests", dependencies: ["FlowMetrics", "FlowHDF5", "FlowData"]),
        .testTarget(name: "FlowPlotTests", dependencies: ["FlowPlot", "FlowImages"]),
        .testTarget(name: "FlowImagesTests", dependencies: ["FlowImages"]),
        .testTarget(name: "FlowDataTests", dependencies: ["FlowData", "FlowImages"]),
        .testTarget(name: "FlowLabTests", dependencies: ["FlowLab", "FlowData", "FlowSupport"]),
        .testTarget(name: "FlowSupportTests", dependencies: ["FlowSupport"]),
        .testTarget(name: "FlowModelsTests", dependencies: ["FlowModels", "FlowData", "FlowNN", "FlowHDF5", "FlowMetrics", "FlowMatching", "FlowTensor"]),
        .testTarget(name: "FlowLabWeightsTests", dependencies: [
            "FlowLab", "FlowNN", "FlowModels", "FlowHDF5", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
