import FlowHDF5
import FlowMetrics
import Foundation

/// Where `flowlab eval features` reads a feature set: a `.npy` file, or a 2-D dataset of an HDF5 file.
///
/// Written `features.npy`, `features.h5:/features`, or `features.h5` alone when the file holds a single
/// dataset. Every problem (missing file or dataset, wrong rank, non-numeric or non-finite values) is an
/// `InputError` that names the role (`real`, `fake`), the file and the dataset.
struct FeatureSetSource {
    /// The role in messages: "real" or "fake".
    let role: String
    /// The file path.
    let file: String
    /// The dataset path inside an HDF5 file, when one was given after a ':'.
    let datasetPath: String?

    /// Parses `argument`: a path that exists is taken whole, else `file:dataset` is split at the last ':'.
    init(role: String, argument: String) {
        self.role = role
        if !FileManager.default.fileExists(atPath: argument), let colon = argument.lastIndex(of: ":") {
            file = String(argument[..<colon])
            datasetPath = String(argument[argument.index(after: colon)...])
        } else {
            file = argument
            datasetPath = nil
        }
    }

    /// The file and dataset as written, for messages.
    var label: String { datasetPath.map { "\(file):\($0)" } ?? file }

    /// Reads the feature set (rows = samples, columns = features).
    func load() throws -> FeatureSet {
        guard FileManager.default.fileExists(atPath: file) else {
            throw InputError("\(role) features: \(file): no such file")
        }
        do {
            return URL(fileURLWithPath: file).pathExtension.lowercased() == "npy" ? try loadNumpy() : try loadHDF5()
        } catch let error as NumpyFileError {
            throw InputError("\(role) features: \(error)")
        } catch let error as FeatureMetricsError {
            throw InputError("\(role) features (\(label)): \(error)")
        } catch let error as InputError {
            throw InputError("\(role) features: \(error.message)")
        }
    }

    private func loadNumpy() throws -> FeatureSet {
        if let datasetPath {
            throw InputError("\(file): a .npy file holds one array; drop ':\(datasetPath)'")
        }
        return try NumpyArrayFile.readFeatureSet(at: URL(fileURLWithPath: file))
    }

    private func loadHDF5() throws -> FeatureSet {
        let hdf5 = try HDF5Input.open(file)
        defer { try? hdf5.close() }
        let datasets = try hdf5.datasetPaths()
        let path = try chooseDataset(among: datasets)
        let values: [Double], shape: [Int]
        do {
            (values, shape) = try hdf5.read(path, as: Double.self)
        } catch let error as HDF5Error where error.kind == .typeMismatch {
            throw InputError("\(file):\(path) holds \(try hdf5.datasetInfo(path).dataType) values; expected float32 or float64")
        }
        guard shape.count == 2 else {
            let found = shape.isEmpty ? "is a scalar" : "has shape \(shape)"
            throw InputError("\(file):\(path) \(found); expected a 2-D dataset (samples x features)")
        }
        return try FeatureSet(rows: shape[0], columns: shape[1], values: values)
    }

    /// The named dataset, checked to exist; without a name, the file's only dataset.
    private func chooseDataset(among datasets: [String]) throws -> String {
        guard let datasetPath else {
            guard datasets.count == 1 else {
                throw InputError("\(file) holds \(datasets.count) datasets (\(HDF5Input.listing(datasets))); name one as \(file):/path")
            }
            return datasets[0]
        }
        let normalized = datasetPath.hasPrefix("/") ? datasetPath : "/" + datasetPath
        guard datasets.contains(normalized) else {
            throw InputError("\(file): no dataset at \(normalized) (datasets: \(HDF5Input.listing(datasets)))")
        }
        return normalized
    }
}
