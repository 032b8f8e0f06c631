extension ComponentRegistry {
    /// Registers the evaluator suites a spec names under `eval.metrics`, each a `metric` whose product is
    /// `any EvaluatorSuite`, with the line `flowlab components` shows for it.
    mutating func registerEvaluatorSuites() {
        register(.metric, ShapesPixelSuite.name) { ShapesPixelSuite() as any EvaluatorSuite }
        describe(.metric, ShapesPixelSuite.name, as: "pixel_colour_accuracy (chance 1/6) and pixel_position_accuracy "
                 + "(chance 1/9) of one-object shapes prompts, read from cell mean colours; no network, cheap")

        register(.metric, ShapesTextToImageSuite.name) { ShapesTextToImageSuite() as any EvaluatorSuite }
        describe(.metric, ShapesTextToImageSuite.name, as: "the shapes scene reader's fid_shapes, kid_shapes_*, "
                 + "precision/recall/density/coverage_shapes and t2i_* scene accuracies (also on held-out compositions); "
                 + "trains the reader once into the stage cache")

        register(.metric, ShapesFeatureMetricsSuite.name) { ShapesFeatureMetricsSuite() as any EvaluatorSuite }
        describe(.metric, ShapesFeatureMetricsSuite.name, as: "shapes_t2i's distribution metrics alone (fid_shapes, kid_shapes_*, "
                 + "precision/recall/density/coverage_shapes on the scene reader's features) for unprompted images; "
                 + "trains the reader once into the stage cache")

        register(.metric, InceptionMetricsSuite.name) { InceptionMetricsSuite() as any EvaluatorSuite }
        describe(.metric, InceptionMetricsSuite.name, as: "fid, kid_mean/std, precision, recall, density, coverage on the "
                 + "FID Inception-v3's pool3 features (as flowlab eval images --standard; needs `make weights`)")

        register(.metric, CaptionMetricsSuite.name, options: CaptionMetricsOptions.self) {
            CaptionMetricsSuite(includeSimilarity: $0.similarity, includeMETEOR: $0.meteor) as any EvaluatorSuite
        }
        describe(.metric, CaptionMetricsSuite.name, as: "bleu_1..4, rouge_l, cider (pycocoevalcap) of generated captions "
                 + "against the reference captions, caption_similarity (all-MiniLM-L6-v2; needs `make weights`), and with "
                 + "meteor: true METEOR 1.5 (needs java and meteor-1.5.jar: make weights fetches it)")

        register(.metric, ShapesImageToTextSuite.name) { ShapesImageToTextSuite() as any EvaluatorSuite }
        describe(.metric, ShapesImageToTextSuite.name, as: "i2t_grammatical_rate and i2t_* scene accuracies of generated "
                 + "captions parsed against the true shapes scenes of their images")

        register(.metric, ShapesPairSuite.name) { ShapesPairSuite() as any EvaluatorSuite }
        describe(.metric, ShapesPairSuite.name, as: "pair_consistency of jointly generated shapes images and captions, "
                 + "concept_tv_* and rare_mass_* of their colour x shape concepts against the data's (needs a model that "
                 + "generates captions)")

        register(.metric, CaptionPerplexitySuite.name, options: CaptionPerplexityOptions.self) {
            CaptionPerplexitySuite(times: $0.times) as any EvaluatorSuite
        }
        describe(.metric, CaptionPerplexitySuite.name, as: "ppl_bound_generated and ppl_bound_real: the discrete-flow perplexity "
                 + "bound (CrossFlows App. A.3) of generated and real captions given their images, under the joint model's "
                 + "own caption flow (needs a model that generates captions; times: stratified times per caption, 16)")

        register(.metric, ShapesCLIPScoreSuite.name) { ShapesCLIPScoreSuite() as any EvaluatorSuite }
        describe(.metric, ShapesCLIPScoreSuite.name, as: "clipscore_hessel_shapes and clipscore_x100_shapes of each image "
                 + "with its prompt on FlowLab's shapes CLIP encoder (not OpenAI CLIP); trains it once into the stage cache")
    }
}
