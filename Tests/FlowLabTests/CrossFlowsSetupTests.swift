import FlowData
import FlowMatching
import FlowTensor
import XCTest
@testable import FlowLab

/// The `crossflows` model in the captioned-image engine: its spec is accepted with a generated caption, every misfit
/// is reported at once with its key, and its objective trains both modalities at one shared time.
final class CrossFlowsSetupTests: XCTestCase {
    static let spec = "Experiments/crossflows-small.yaml"
    /// A small data set, so that building the setup stays fast.
    static let small = ["data.train_count=64", "data.test_count=16", "eval.samples=16", "train.batch_size=8"]

    func testJointSpecBuildsAGeneratedCaptionWithTheCaptionsTimeSampler() throws {
        let spec = try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small)
        for (name, guidance) in [("t2i", GuidanceChoice.crossGuidance(scale: nil)), ("i2t", .imageToText(ImageToTextChoice()))] {
            let setup = try ModalitySetup(spec: try spec.variant(named: name))
            let caption = try XCTUnwrap(setup.generatedCaption, name)
            XCTAssertEqual(caption.name, "caption")
            XCTAssertEqual(caption.loss, .crossEntropy)
            XCTAssertEqual(caption.source.promptProbability, 0.1)
            XCTAssertEqual(caption.stateVocabulary(dataVocabulary: setup.data.tokenizer.vocabularySize),
                           setup.data.tokenizer.vocabularySize + 1, "the mask source adds the mask token")
            XCTAssertEqual(setup.timeSampler, .logitNormal(mean: 0, standardDeviation: 1), "the caption's sampler wins")
            XCTAssertEqual(setup.jointGuidance, guidance)
            XCTAssertEqual(setup.prompted, name == "t2i")
            XCTAssertTrue(setup.guidanceScales.isEmpty)
        }
    }

    /// Every misfit of a joint spec is reported together, each at its key.
    func testMisfitsOfTheJointModelAreReportedTogether() throws {
        let overrides = Self.small + ["modalities.caption.path=affine", "modalities.caption.loss=mse", "modalities.caption.scheduler=cosine",
                                      "+modalities.image.time_sampler=uniform", "model.patch_size=3", "variants.t2i.sample.guidance={name: cfg, scales: [3.0]}"]
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: overrides)) { error in
            let text = "\(error)"
            for (key, words) in [("modalities.caption.path", "'mixture' path"), ("modalities.caption.loss", "'generalized_kl' or 'cross_entropy'"),
                                 ("modalities.caption.scheduler", "convex scheduler"), ("modalities.image.time_sampler", "share one time t"),
                                 ("model", "patch size 3"), ("sample.guidance", "'cfg' guides a flow conditioned on the caption")] {
                XCTAssertTrue(text.contains(key + ":") && text.contains(words), "\(key) (\(words)) missing from: \(text)")
            }
        }
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + [
            "modalities.caption={kind: discrete, role: condition}",
        ])) { error in
            XCTAssertTrue("\(error)".contains("modalities.caption.role: model 'crossflows' generates images and captions together"), "\(error)")
        }
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + [
            "variants.i2t.eval.metrics=[shapes_pixels]", "variants.t2i.sample.guidance={name: unconditional}",
        ])) { error in
            let text = "\(error)"
            XCTAssertTrue(text.contains("needs generated images, but guidance 'image_to_text' holds the test images"), text)
            XCTAssertTrue(text.contains("needs prompts, but this guidance samples without them"), text)
        }
    }

    /// `inpaint` (App. C.2) decodes its options, is prompted, and rejects a bad region or caption rule at its key.
    func testInpaintingGuidanceDecodesAndRejectsBadOptions() throws {
        let spec = try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small)
        for (name, evolves) in [("inpaint", true), ("inpaint_frozen", false)] {
            let setup = try ModalitySetup(spec: try spec.variant(named: name))
            guard case .inpainting(let choice)? = setup.jointGuidance else { return XCTFail("\(name): \(String(describing: setup.jointGuidance))") }
            XCTAssertEqual(choice.region, .object)
            XCTAssertEqual(choice.captionEvolves, evolves)
            XCTAssertNil(choice.inversionSteps)
            XCTAssertTrue(setup.prompted, name)
        }
        for (guidance, words) in [("{name: inpaint, region: middle}", "region must be one of 'object', 'left_half'"),
                                  ("{name: inpaint, caption: held}", "caption must be 'evolve' or 'frozen'"),
                                  ("{name: inpaint, inversion_steps: 0}", "inversion_steps")] {
            XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + ["variants.inpaint.sample.guidance=\(guidance)"])) {
                XCTAssertTrue("\($0)".contains("variants.inpaint.sample.guidance") && "\($0)".contains(words), "\($0)")
            }
        }
    }

    /// The cut: the object's cell (widened to whole pixels) takes the colour of an empty corner, nothing else changes.
    func testObjectRegionCutFillsTheObjectsCellWithTheBackground() throws {
        let size = 16
        let scene = try XCTUnwrap(ShapeScene([ShapeObject(shape: .circle, color: .red, size: .large, cell: .topLeft)]))
        var pixels = [UInt8](repeating: 0, count: size * size * 3)
        for index in 0..<(size * size) { pixels[index * 3] = UInt8(index % 251) }
        let cut = InpaintingRegion.object.cut(pixels, imageSize: size, scene: scene)
        let (rows, columns) = InpaintingRegion.object.rectangle(imageSize: size, scene: scene)
        XCTAssertEqual(rows, 0..<6)
        XCTAssertEqual(columns, 0..<6)
        let corner = Array(pixels[((size - 1) * 3)..<((size - 1) * 3 + 3)])   // top right: its cell is empty
        for row in 0..<size {
            for column in 0..<size {
                let offset = (row * size + column) * 3
                let expected = rows.contains(row) && columns.contains(column) ? corner : Array(pixels[offset..<(offset + 3)])
                XCTAssertEqual(Array(cut[offset..<(offset + 3)]), expected, "(\(row), \(column))")
            }
        }
        XCTAssertEqual(InpaintingRegion.rightHalf.rectangle(imageSize: size, scene: nil).columns, 8..<16)
    }

    /// Suites that read generated captions are accepted for the joint model: pairs from unconditional sampling.
    func testCaptionSuitesAreAcceptedForTheJointModel() throws {
        let spec = try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + [
            "variants.i2t.sample.guidance={name: unconditional}", "variants.i2t.eval.metrics=[shapes_pairs, caption_metrics]",
            "variants.t2i.eval.metrics=[shapes_pixels, shapes_i2t]",
        ])
        let setup = try ModalitySetup(spec: try spec.variant(named: "i2t"))
        XCTAssertEqual(setup.suites.map(\.name), ["shapes_pairs", "caption_metrics"])
        XCTAssertEqual(setup.jointGuidance, .unconditional)
    }

    /// One training step's objective: both terms, named per modality, finite, and gradients reach both flows.
    func testJointObjectiveTrainsBothModalities() throws {
        let spec = try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + [
            "model.image_width=32", "model.image_depth=1", "model.caption_width=32", "model.caption_depth=1",
            "modalities.caption.loss=generalized_kl",
        ])
        let setup = try ModalitySetup(spec: try spec.variant(named: "t2i"))
        let state = try ModalityTrainingState(key: "t2i", setup: setup, seed: 1)
        let (loss, terms) = try setup.loss(state)
        XCTAssertEqual(terms.map(\.0), ["loss_image", "loss_caption"])
        XCTAssertTrue(terms.allSatisfy { $0.1.isFinite && $0.1 > 0 }, "\(terms)")
        XCTAssertEqual(loss.item, terms[0].1 + terms[1].1, accuracy: 1e-3 * loss.item, "unit weights: the sum")
        loss.backward()
        let network = try XCTUnwrap(state.network as? CrossFlowsFlowNetwork)
        for (name, module) in [("image", network.model.imageModel), ("caption", network.model.captionModel)] {
            let norm = module.parameters().compactMap { $0.grad?.floats.map { Double($0 * $0) }.reduce(0, +) }.reduce(0, +)
            XCTAssertGreaterThan(norm, 0, "the \(name) flow receives gradients")
        }
    }

    /// `image_to_text` reads the clean test image by default and, with `image: noised`, the image on its path; the
    /// noised image at t is `t·x + (1 − t)·ε`, and any other value is an error at its key.
    func testImageToTextReadsTheCleanOrTheNoisedImage() throws {
        let spec = try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + [
            "variants.i2t.sample.guidance={name: image_to_text, image: noised}"])
        let setup = try ModalitySetup(spec: try spec.variant(named: "i2t"))
        XCTAssertEqual(setup.jointGuidance, .imageToText(ImageToTextChoice(imageOnPath: true)))
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + [
            "variants.i2t.sample.guidance={name: image_to_text, image: noisy}"])) {
            XCTAssertTrue("\($0)".contains("variants.i2t.sample.guidance") && "\($0)".contains("image must be 'clean' or 'noised', got 'noisy'"), "\($0)")
        }
        let sampler = JointImageCaptionSampler(setup: setup, variant: "i2t", stop: nil)
        let image = Tensor(shape: [2, 1, 1, 1], scalars: [1, -1] as [Float]), noise = Tensor(shape: [2, 1, 1, 1], scalars: [0.5, 2] as [Float])
        let seen = SeenImages()
        let recording = JointModelClosure { images, captions, _, _ in
            seen.images.append(images.floats)
            return JointPrediction(velocity: images, logits: Tensor.zeros([captions.batchSize, captions.tokensPerRow, 2]))
        }
        let captions = DiscreteState(tokens: [0, 0], shape: [2, 1])
        _ = sampler.imageOnPath(recording, image: image, noise: noise)(continuous: image, discrete: captions,
                                                                       t: Tensor(shape: [2], scalars: [0.25, 1] as [Float]), conditionDropped: [false, false])
        XCTAssertEqual(seen.images, [[0.25 * 1 + 0.75 * 0.5, -1]], "t·x + (1 − t)·ε per row")
    }

    /// The images a test model was called with.
    final class SeenImages: @unchecked Sendable { var images: [[Float]] = [] }

    /// The image's `cross_guidance` source (some rows start from their own image) is accepted for the joint model
    /// only; its rows leave the image loss, whose masked mean is the mean over the other rows.
    func testImageCrossGuidanceSourceIsForJointModelsAndLeavesTheImageLoss() throws {
        let own = "modalities.image.source={name: cross_guidance, base: gaussian, probability: 0.5}"
        let spec = try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + [own])
        XCTAssertEqual(try ModalitySetup(spec: try spec.variant(named: "t2i")).image.ownSourceProbability, 0.5)
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + [
            "modalities.image.source={name: cross_guidance, base: mask, probability: 0.5}"])) {
            XCTAssertTrue("\($0)".contains("modalities.image.source: a continuous modality needs the 'gaussian' source"), "\($0)")
        }
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + [
            "modalities.caption.source={name: cross_guidance, base: gaussian, probability: 0.5}"])) {
            XCTAssertTrue("\($0)".contains("modalities.caption.source: a discrete modality needs a token source"), "\($0)")
        }
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: "Experiments/shapes-t2i-small.yaml", overrides: [own])) {
            XCTAssertTrue("\($0)".contains("modalities.image.source: an image that starts from itself teaches a caption flow"), "\($0)")
        }
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: "Experiments/modecollapse.yaml", overrides: [
            "modalities.point.source={name: cross_guidance, base: gaussian, probability: 0.5}"])) {
            XCTAssertTrue("\($0)".contains("modalities.point.source: the point-and-label engine starts points from 'gaussian' only"), "\($0)")
        }

        let predicted = Tensor(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6] as [Float]), target = Tensor.zeros([3, 2])
        let rows = Tensor(shape: [3, 1], scalars: [1, 0, 1] as [Float])
        XCTAssertEqual(VelocityLoss()(predicted: predicted, target: target, rows: rows).item, (1 + 4 + 25 + 36) / 4.0, accuracy: 1e-9)
        XCTAssertEqual(VelocityLoss()(predicted: predicted, target: target, rows: Tensor.zeros([3, 1])).item, 0)

        let setup = try ModalitySetup(spec: try spec.variant(named: "t2i"))
        let state = try ModalityTrainingState(key: "t2i", setup: setup, seed: 1)
        let (loss, terms) = try setup.loss(state)
        XCTAssertTrue(loss.item.isFinite && terms.allSatisfy { $0.1.isFinite }, "\(terms)")
    }

    /// `encoder_depth` puts ViT blocks into the caption flow's image encoder (`image_embedder.blocks.N`); the default
    /// keeps it linear, with the parameter names of before.
    func testEncoderDepthAddsViTBlocksToTheCaptionFlowsImageEncoder() throws {
        func names(_ overrides: [String]) throws -> [String] {
            let spec = try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + overrides)
            let state = try ModalityTrainingState(key: "t2i", setup: try ModalitySetup(spec: try spec.variant(named: "t2i")), seed: 1)
            return try XCTUnwrap(state.network as? CrossFlowsFlowNetwork).model.namedParameters().map(\.0)
                .filter { $0.hasPrefix("caption_model.image_embedder.") }.sorted()
        }
        XCTAssertEqual(try names([]), ["caption_model.image_embedder.pos_embed", "caption_model.image_embedder.proj.bias", "caption_model.image_embedder.proj.weight",
                                       "caption_model.image_embedder.x_embedder.proj.bias", "caption_model.image_embedder.x_embedder.proj.weight"])
        let deep = try names(["+model.encoder_depth=2"])
        XCTAssertTrue(deep.contains("caption_model.image_embedder.blocks.1.attn.qkv.weight"), "\(deep)")
        XCTAssertTrue(deep.contains("caption_model.image_embedder.blocks.0.mlp.fc2.bias"), "\(deep)")
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + ["+model.encoder_depth=-1"])) {
            XCTAssertTrue("\($0)".contains("model.encoder_depth"), "\($0)")
        }
    }

    /// `grad_clip_per_flow` clips the image flow and the caption flow apart (each to `grad_clip`), is only for the
    /// joint model, and needs `grad_clip`.
    func testGradientClipPerFlowClipsTheTwoFlowsApart() throws {
        let spec = try ExperimentRunner.loadValidated(file: Self.spec, overrides: Self.small + ["+train.grad_clip_per_flow=true"])
        let setup = try ModalitySetup(spec: try spec.variant(named: "t2i"))
        let state = try ModalityTrainingState(key: "t2i", setup: setup, seed: 1)
        let named = state.module.trainableParameters()
        let groups = FlowTrainer.clippingGroups(named, eachFlow: spec.train.clipsEachFlow)
        XCTAssertEqual(groups.map(\.count), [named.filter { $0.name.hasPrefix("caption_model.") }.count,
                                             named.filter { $0.name.hasPrefix("image_model.") }.count])
        XCTAssertEqual(FlowTrainer.clippingGroups(named, eachFlow: false).map(\.count), [named.count])

        // Gradients of norm 3 and 4: one norm of 5 scales both by 1/5; apart, each is scaled to norm 1.
        let first = Tensor(shape: [1], scalars: [0] as [Float], requiresGrad: true), second = Tensor(shape: [1], scalars: [0] as [Float], requiresGrad: true)
        func norms(eachFlowApart: Bool) -> (before: Double, after: [Float]) {
            first.grad = Tensor(shape: [1], scalars: [3] as [Float])
            second.grad = Tensor(shape: [1], scalars: [4] as [Float])
            let before = FlowTrainer.clip(eachFlowApart ? [[first], [second]] : [[first, second]], maxNorm: 1)
            return (before, [first.grad!.floats[0], second.grad!.floats[0]])
        }
        let together = norms(eachFlowApart: false), apart = norms(eachFlowApart: true)
        XCTAssertEqual(together.before, 5, accuracy: 1e-9)
        XCTAssertEqual(apart.before, 5, accuracy: 1e-9, "the logged norm is over all gradients either way")
        XCTAssertEqual(together.after[0], 0.6, accuracy: 1e-5)
        XCTAssertEqual(together.after[1], 0.8, accuracy: 1e-5)
        XCTAssertEqual(apart.after[0], 1, accuracy: 1e-5)
        XCTAssertEqual(apart.after[1], 1, accuracy: 1e-5)

        for (file, overrides, words) in [
            ("Experiments/shapes-t2i-small.yaml", ["+train.grad_clip_per_flow=true"], "train.grad_clip_per_flow: model 'dit' has one flow"),
            (Self.spec, ["~train.grad_clip", "+train.grad_clip_per_flow=true"], "grad_clip_per_flow clips each flow to grad_clip: set grad_clip too"),
        ] {
            XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: file, overrides: overrides)) {
                XCTAssertTrue("\($0)".contains(words), "\($0)")
            }
        }
    }
}
