import ArgumentParser

/// `flowlab eval images` on `shapes` (to be merged with the Inception front end into one `eval images`).
struct EvalImagesShapesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "images",
        abstract: "Score generated shapes images: fid_shapes, kid_shapes, precision/recall, density/coverage and exact scene metrics.",
        discussion: """
        Distribution metrics are computed on the features of FlowLab's shapes scene reader (fid_shapes, \
        kid_shapes_mean, kid_shapes_std, precision_shapes, recall_shapes, density_shapes, coverage_shapes): \
        they are not Inception numbers. With --prompts or --scenes, each generated image is read by the \
        scene reader and compared with the scene it was asked for (t2i_shape_accuracy, ..., \
        t2i_exact_scene_accuracy, and t2i_heldout_* on held-out compositions). The reader comes from the \
        stage cache; the first use trains it (about a minute or two on 2 cores, with a progress bar). \
        Prints one JSON object.

        Examples:
          flowlab eval images --real Data/shapes-test.h5:/images --fake Data/shapes-val.h5:/images
          flowlab eval images --real Data/shapes-test.h5:/images --fake samples.h5:/t2i/images \\
            --prompts samples.h5:/t2i/prompts --holdout blue:triangle
          flowlab eval images --real Data/shapes-test.h5:/images --fake samples.h5:/t2i/images --scenes Data/shapes-test.h5
        """
    )

    @OptionGroup var shapes: EvalImagesShapesOptions

    func run() throws {
        print(try shapes.evaluate())
    }
}
