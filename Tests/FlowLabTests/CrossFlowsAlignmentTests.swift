import FlowHDF5
import FlowModels
import FlowNN
import FlowTensor
import Foundation
import XCTest
@testable import FlowLab

/// REPA and HASTE's attention term on the CrossFlows image flow (`alignment: [{name: repa, ...}, {name:
/// haste_attention, ...}]` with `model.teacher: {stage: NAME}`): the REPA term's gradient matches finite differences
/// (the attention term's: `HasteAttentionAlignmentTests`), bad specs are located errors, and tiny runs against a
/// tokenizer teacher stage lower `loss_repa` and `loss_haste` during training and stop applying them at `until_step`.
final class CrossFlowsAlignmentTests: XCTestCase {
    static let spec = FlowlabProcess.packageRoot.appendingPathComponent("Tests/Fixtures/specs/alignment/crossflows-repa.yaml").path
    static let hasteSpec = FlowlabProcess.packageRoot.appendingPathComponent("Tests/Fixtures/specs/alignment/crossflows-haste.yaml").path

    /// `−mean cos(y, projector(h))` against central finite differences in Float64, through the hidden states and the
    /// projector's last layer.
    func testRepaGradientMatchesFiniteDifferences() {
        var generator = RandomGenerator(seed: 7, stream: "repa-gradient")
        let projector = Sequential([Linear(6, 5, dtype: .float64, generator: &generator), Activation(.silu),
                                    Linear(5, 5, dtype: .float64, generator: &generator), Activation(.silu),
                                    Linear(5, 4, dtype: .float64, generator: &generator)])
        let hidden = Tensor(shape: [2, 3, 6], scalars: generator.normal(36), requiresGrad: true)
        let teacher = Tensor(shape: [2, 3, 4], scalars: generator.normal(24))
        let last = (projector.layers[4] as! Linear).weight
        let error = GradientCheck.maximumError(inputs: [hidden, last]) { _ in
            RepresentationAlignment.loss(hidden: hidden, projector: projector, teacher: teacher)
        }
        XCTAssertLessThan(error, 1e-6)
        let value = RepresentationAlignment.loss(hidden: hidden, projector: projector, teacher: teacher).item
        XCTAssertTrue((-1...1).contains(value), "a negative mean cosine lies in [-1, 1]: \(value)")
    }

    /// The projector is part of the model (REPA's names, under the image flow), sized to the teacher.
    func testProjectorIsATrainedPartOfTheModel() throws {
        let spec = try ExperimentRunner.loadValidated(file: Self.spec)
        let setup = try ModalitySetup(spec: try spec.variant(named: "repa"))
        XCTAssertEqual(setup.alignment?.representation?.options.layer, 0)
        XCTAssertEqual(setup.alignment?.representation?.teacherWidth, 32)
        XCTAssertNil(setup.alignment?.attention)
        var generator = RandomGenerator(seed: 0)
        let shapes = try setup.makeNetwork(generator: &generator).module.stateDict().mapValues(\.shape)
        XCTAssertEqual(shapes["image_model.projectors.0.0.weight"]?.reduce(1, *), 32 * 64)
        XCTAssertEqual(shapes["image_model.projectors.0.2.weight"]?.reduce(1, *), 64 * 64)
        XCTAssertEqual(shapes["image_model.projectors.0.4.bias"], [32])
    }

    /// Each misfit is a located error that says how to fix it.
    func testBadAlignmentSpecsAreLocatedErrors() throws {
        func assertError(_ overrides: [String], _ expected: [String], line: UInt = #line) {
            XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.spec, overrides: overrides), line: line) { error in
                for words in expected {
                    XCTAssertTrue("\(error)".contains(words), "'\(words)' missing from: \(error)", line: line)
                }
            }
        }
        assertError(["alignment=[{name: repa, layer: 2}]"], ["alignment[0].layer: block 2 does not exist: the image flow has 2 MM-DiT blocks"])
        assertError(["stages.teacher.model.patch_size=8"],
                    ["model.teacher.stage: teacher patch 8 on 16 px gives 2x2 tokens, the image flow has 4x4: set patch_size 4 in stage 'teacher'"])
        assertError(["+stages.text={model: {name: flowtok_text}, train: {steps: 5}}", "model.teacher.stage=text"],
                    ["model.teacher.stage: stage 'text' cannot serve as teacher: it trains a 'flowtok_text' model; a REPA teacher is a 'flowtok_tokenizer' stage"])
        assertError(["model={name: dit, patch_size: 4}", "modalities.caption={kind: discrete, role: condition}", "sample.guidance={name: cfg, scales: [1.0]}"],
                    ["alignment[0]: model 'dit' exposes no intermediate features for alignment terms"])
        assertError(["~model.teacher"], ["alignment[0]: 'repa' aligns with a frozen teacher: set model.teacher: {stage: NAME}"])
    }

    /// A tiny run: the teacher stage trains, the joint model aligns block 0 with it; `loss_repa` falls, and from
    /// `until_step` (250) on the total loss is the flow terms alone. Measured (seed 0, 2 threads, 8 s): mean
    /// `loss_repa` −0.862 over steps 1-50, −0.971 over steps 201-250 (the tiny teacher's patch features are easy to
    /// match: most of the fall happens in the first steps).
    func testRepaTermDecreasesAndStopsAtUntilStep() throws {
        let flowlab = try FlowlabProcess(self)
        let run = flowlab.folder.appendingPathComponent("run")
        let result = try flowlab.run(["run", Self.spec, "--run-dir", run.path, "--threads", "2"],
                                     environment: ["FLOWLAB_STAGES": flowlab.folder.appendingPathComponent("stages").path])
        XCTAssertEqual(result.status, 0, result.standardError)
        let metrics = try HDF5File.open(run.appendingPathComponent("metrics.h5"))
        defer { try? metrics.close() }
        func series(_ name: String) throws -> [Double] { try metrics.readSeries("/train/repa/\(name)", as: Double.self) }
        let steps = try metrics.readSeries("/train/repa/step", as: Int64.self)
        let repa = try series("loss_repa"), total = try series("loss"), image = try series("loss_image"), caption = try series("loss_caption")
        XCTAssertEqual(steps.count, 300)
        XCTAssertEqual(repa.count, 300)
        func mean(_ values: ArraySlice<Double>) -> Double { values.reduce(0, +) / Double(values.count) }
        let first = mean(repa[0..<50]), last = mean(repa[200..<250])
        print("crossflows REPA: loss_repa mean over steps 1-50 \(first), over steps 201-250 \(last)")
        XCTAssertLessThan(last, first - 0.05, "the alignment term must fall while it is applied")
        for index in 0..<300 {
            let flow = image[index] + caption[index]
            if steps[index] <= 250 {
                XCTAssertEqual(total[index], flow + 0.5 * repa[index], accuracy: 1e-4 * Swift.max(1, abs(total[index])), "step \(steps[index])")
            } else {
                XCTAssertEqual(repa[index], 0, "step \(steps[index]): switched off")
                XCTAssertEqual(total[index], flow, accuracy: 1e-4 * Swift.max(1, abs(total[index])), "step \(steps[index]): flow terms only")
            }
        }
    }

    /// Both terms share the teacher; the attention term reads the paired blocks, and only the trained network computes
    /// attention logits (a sampling copy keeps the ordinary forward pass).
    func testHasteSetupPairsBlocksAndOnlyTrainingComputesAttention() throws {
        let spec = try ExperimentRunner.loadValidated(file: Self.hasteSpec)
        let setup = try ModalitySetup(spec: try spec.variant(named: "haste"))
        XCTAssertEqual(setup.alignment?.representation?.options.layer, 0)
        XCTAssertEqual(setup.alignment?.attention?.options.studentLayers, [0, 1])
        XCTAssertEqual(setup.alignment?.attention?.options.teacherLayers, [0, 1])
        XCTAssertEqual(setup.alignment?.attention?.options.weight, 0.5)
        XCTAssertEqual(setup.alignment?.teacher.stage?.stage, "teacher")
        var generator = RandomGenerator(seed: 0)
        let copy = try setup.makeNetwork(generator: &generator) as! CrossFlowsFlowNetwork
        XCTAssertEqual(copy.attentionBlocks, [], "a fresh network computes no attention logits")
    }

    /// A model with REPA starts from a stage trained without it (t2i_baseline from t2i_pretrain): every parameter but
    /// the projector comes from the stage, the projector keeps its fresh initialisation.
    func testStageWithoutProjectorStartsAModelWithREPA() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowlab-haste-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try ExperimentRunner.loadValidated(file: Self.hasteSpec)
        let plain = try ModalitySetup(spec: try ExperimentRunner.loadValidated(file: Self.hasteSpec, overrides: ["alignment=[]", "~model.teacher"])
            .variant(named: "haste"))
        let stageState = try ModalityTrainingState(key: "pretrain", setup: plain, seed: 1)
        let checkpoint = folder.appendingPathComponent("pretrain.h5")
        try CheckpointFile.write([stageState], to: checkpoint, experiment: "stage", specFingerprint: "test")
        let stored = stageState.module.stateDict().mapValues(\.floats)
        let state = try ModalityTrainingState(key: "haste", setup: try ModalitySetup(spec: try spec.variant(named: "haste")), seed: 0)
        let fresh = state.module.stateDict().mapValues(\.floats)
        try CheckpointInitialization.apply(InitSpec(stage: "pretrain"), to: state, modelKey: "haste", stageCheckpoints: ["pretrain": checkpoint])
        var heads = 0
        for (name, tensor) in state.module.stateDict() {
            if name.hasPrefix("image_model.projectors.") {
                XCTAssertEqual(tensor.floats, fresh[name], "\(name) keeps its own initialisation")
                heads += 1
            } else {
                XCTAssertEqual(tensor.floats, stored[name], "\(name) comes from the stage")
            }
        }
        XCTAssertEqual(heads, 6, "the projector's three linear layers")
        XCTAssertEqual(state.module.stateDict().count, stored.count + heads)
    }

    /// The `haste` variant's setup and training state with `model.teacher: {weights: file, heads: heads}` (no stages).
    private static func fileTeacher(_ file: URL, heads: Int) throws -> (ModalitySetup, ModalityTrainingState) {
        let spec = try ExperimentRunner.loadValidated(file: hasteSpec, overrides: ["model.teacher={weights: \(file.path), heads: \(heads)}", "~stages"])
        let setup = try ModalitySetup(spec: try spec.variant(named: "haste"))
        return (setup, try ModalityTrainingState(key: "haste", setup: setup, seed: 0))
    }

    /// Two 16 px images of Gaussian noise.
    private static func noiseImages() -> Tensor {
        var noise = RandomGenerator(seed: 5)
        return Tensor(shape: [2, 16, 16, 3], scalars: noise.normal(2 * 16 * 16 * 3)).converted(to: .float32)
    }

    /// `model.teacher: {weights: PATH, heads: N}`: an image-tokenizer encoder from a safetensors file (a whole
    /// tokenizer's, names under `encoder.`) serves both terms, loads the same features as the module it was written
    /// from, and a missing file, a missing tensor or another grid is a located error naming the file.
    func testTeacherFromAWeightsFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flowlab-teacher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func tokenizerFile(_ name: String, patch: Int, dropping dropped: String? = nil) throws -> (URL, ImageTokenizer) {
            var generator = RandomGenerator(seed: 3)
            let tokenizer = try ImageTokenizer(configuration: .init(imageSize: 16, patchSize: patch, width: 32, depth: 2, heads: 2,
                                                                    latentTokens: 4, latentChannels: 8), generator: &generator)
            let url = folder.appendingPathComponent(name)
            try SafetensorsWriter.write(tokenizer.stateDict().filter { $0.key != dropped }, to: url)
            return (url, tokenizer)
        }
        let (good, written) = try tokenizerFile("teacher.safetensors", patch: 4)
        let (setup, state) = try Self.fileTeacher(good, heads: 2)
        XCTAssertEqual(setup.alignment?.teacher.depth, 2)
        XCTAssertEqual(setup.alignment?.representation?.teacherWidth, 32)
        let teacher = try XCTUnwrap(state.teacher, "a file teacher needs no stage")
        let images = Self.noiseImages()
        XCTAssertEqual(teacher.patchFeatures(images, attentionBlocks: []).features.floats, written.encoder.patchFeatures(images).floats)
        let names = try setup.loss(state).terms.map(\.0)
        XCTAssertTrue(names.contains("loss_repa") && names.contains("loss_haste"), "\(names)")

        func assertError(_ overrides: [String], _ expected: [String], line: UInt = #line) {
            XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.hasteSpec, overrides: overrides + ["~stages"]), line: line) { error in
                for words in expected {
                    XCTAssertTrue("\(error)".contains(words), "'\(words)' missing from: \(error)", line: line)
                }
            }
        }
        let missing = folder.appendingPathComponent("missing.safetensors").path
        assertError(["model.teacher={weights: \(missing), heads: 2}"], ["model.teacher.weights: no teacher weights file at \(missing)"])
        let (incomplete, _) = try tokenizerFile("incomplete.safetensors", patch: 4, dropping: "encoder.blocks.1.mlp.fc2.weight")
        assertError(["model.teacher={weights: \(incomplete.path), heads: 2}"],
                    ["model.teacher.weights: the teacher weights do not load", incomplete.path, "blocks.1.mlp.fc2.weight"])
        let (coarse, _) = try tokenizerFile("coarse.safetensors", patch: 8)
        assertError(["model.teacher={weights: \(coarse.path), heads: 2}"],
                    ["model.teacher.weights: the teacher in \(coarse.path) reads 16 px images as 2x2 patches of 8 px; the image flow has 16 px images and 4x4 tokens"])
        assertError(["model.teacher={weights: \(good.path), heads: 3}"], ["width 32 is not divisible by 3 heads"])
    }

    /// `model.teacher: {weights: PATH, heads: N}` with a DINOv2 file (transformers' names, with registers; a tiny random
    /// one from Scripts/fixtures/dinov2_teacher_make_fixture.py with a 5x5 position table) serves both terms on the
    /// image flow's 4x4 grid: the features are the ``VisionTransformerTeacher``'s on the training images, a block the
    /// file lacks is a located error, and a 300-step run ends both terms far below a control's that computes them with
    /// weight 0. Measured (seed 0, 2 threads, 6 s for both runs), steps 201-250: loss_repa -0.96 against the
    /// control's -0.26; the KL divergence loss_haste − haste_teacher_entropy 0.114 against 0.307.
    func testDINOv2TeacherFromAWeightsFile() throws {
        let file = FlowlabProcess.packageRoot.appendingPathComponent("Tests/Fixtures/dinov2/dinov2_registers_transformers.safetensors.fixture")
        let overrides = ["model.teacher={weights: \(file.path), heads: 3}", "~stages"]
        let (setup, state) = try Self.fileTeacher(file, heads: 3)
        XCTAssertEqual(setup.alignment?.teacher.depth, 2)
        XCTAssertEqual(setup.alignment?.representation?.teacherWidth, 24)
        let teacher = try XCTUnwrap(state.teacher as? VisionTransformerTeacher, "a DINOv2 file gives a ViT teacher")
        let direct = try VisionTransformerTeacher(try VisionTransformer.pretrained(try SafetensorsFile(url: file), heads: 3), imageSize: 16, grid: 4)
        let images = Self.noiseImages()
        let features = teacher.patchFeatures(images, attentionBlocks: [1])
        XCTAssertEqual(features.features.shape, [2, 16, 24], "one feature per student token")
        XCTAssertEqual(features.attention[1]?.shape, [2, 3, 16, 16])
        XCTAssertEqual(features.features.floats, direct.patchFeatures(images, attentionBlocks: []).features.floats)
        XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.hasteSpec, overrides: overrides + [
            "alignment=[{name: haste_attention, student_layers: [0], teacher_layers: [2]}]"])) { error in
            XCTAssertTrue("\(error)".contains("alignment[0].teacher_layers: block 2 does not exist: the teacher file \(file.path) has 2 encoder blocks"), "\(error)")
        }

        let flowlab = try FlowlabProcess(self)
        func train(_ name: String, _ more: [String] = []) throws -> (repa: Double, divergence: Double) {
            let run = flowlab.folder.appendingPathComponent(name)
            let result = try flowlab.run(["run", Self.hasteSpec] + overrides + more + ["--run-dir", run.path, "--threads", "2"])
            XCTAssertEqual(result.status, 0, result.standardError)
            let metrics = try HDF5File.open(run.appendingPathComponent("metrics.h5"))
            defer { try? metrics.close() }
            let repa = try metrics.readSeries("/train/haste/loss_repa", as: Double.self)[200..<250]
            let divergence = zip(try metrics.readSeries("/train/haste/loss_haste", as: Double.self),
                                 try metrics.readSeries("/train/haste/haste_teacher_entropy", as: Double.self)).map { $0 - $1 }[200..<250]
            return (repa.reduce(0, +) / 50, divergence.reduce(0, +) / 50)
        }
        let aligned = try train("dinov2")
        let control = try train("control", ["alignment=[{name: repa, weight: 0.0, layer: 0, until_step: 250, projector_hidden: 64}, {name: haste_attention, weight: 0.0, student_layers: [0, 1], teacher_layers: [0, 1], until_step: 250}]"])
        print("crossflows with a DINOv2 teacher, steps 201-250: loss_repa \(aligned.repa), control (weight 0) \(control.repa); KL \(aligned.divergence), control \(control.divergence)")
        XCTAssertLessThan(aligned.repa, control.repa - 0.2, "the projected features must align with DINOv2's")
        XCTAssertLessThan(aligned.divergence, 0.5 * control.divergence, "the attention must move towards DINOv2's")
    }

    /// Each misfit of the attention term is a located error at its key.
    func testBadAttentionAlignmentSpecsAreLocatedErrors() throws {
        func assertError(_ overrides: [String], _ expected: [String], line: UInt = #line) {
            XCTAssertThrowsError(try ExperimentRunner.loadValidated(file: Self.hasteSpec, overrides: overrides), line: line) { error in
                for words in expected {
                    XCTAssertTrue("\(error)".contains(words), "'\(words)' missing from: \(error)", line: line)
                }
            }
        }
        func attention(_ options: String) -> String {
            "alignment=[{name: repa, layer: 0, projector_hidden: 64}, {name: haste_attention, \(options)}]"
        }
        assertError([attention("student_layers: [0, 1], teacher_layers: [1]")],
                    ["alignment[1].teacher_layers: 1 teacher blocks for 2 student blocks: the lists are paired in order, so give as many teacher_layers as student_layers"])
        assertError([attention("student_layers: [0, 2], teacher_layers: [0, 1]")],
                    ["alignment[1].student_layers: block 2 does not exist: the image flow has 2 MM-DiT blocks (0...1)"])
        assertError([attention("student_layers: [0, 1], teacher_layers: [0, 5]")],
                    ["alignment[1].teacher_layers: block 5 does not exist: the teacher stage 'teacher' has 2 encoder blocks (0...1)"])
        assertError([attention("student_layers: [], teacher_layers: []")],
                    ["alignment[1].student_layers: give at least one MM-DiT block to align"])
        assertError(["stages.teacher.model.patch_size=8"],
                    ["model.teacher.stage: teacher patch 8 on 16 px gives 2x2 tokens, the image flow has 4x4: set patch_size 4 in stage 'teacher'"])
        assertError(["alignment=[{name: haste_attention, student_layers: [0], teacher_layers: [0]}, {name: haste_attention, student_layers: [1], teacher_layers: [1]}]"],
                    ["alignment[1]: a second 'haste_attention' term; give each alignment term once"])
        assertError(["~model.teacher"], ["alignment[0]: 'repa' aligns with a frozen teacher: set model.teacher: {stage: NAME}"])
    }

    /// A tiny HASTE run against a control with the attention term's weight 0 (computed and logged, never trained
    /// on): `loss_haste` falls while applied, and its learnable part, the KL divergence `loss_haste −
    /// haste_teacher_entropy`, ends far below the control's; the total is the flow terms plus `0.5 · loss_repa + 0.5 ·
    /// loss_haste` up to `until_step` (250) and the flow terms alone after it. The tiny tokenizer teacher attends almost
    /// uniformly (entropy 2.759 against ln 16 = 2.773 over 16 patches), so the cross-entropy itself moves little.
    /// Measured (seed 0, 2 threads, about 5 s per run): loss_haste 2.805 over steps 1-10, 2.772 over steps 201-250;
    /// KL over steps 201-250 0.013, the control's 0.053.
    func testHasteAttentionTermDecreasesAndStopsAtUntilStep() throws {
        let flowlab = try FlowlabProcess(self)
        let stages = ["FLOWLAB_STAGES": flowlab.folder.appendingPathComponent("stages").path]
        func train(_ name: String, _ overrides: [String] = []) throws -> HDF5File {
            let run = flowlab.folder.appendingPathComponent(name)
            let result = try flowlab.run(["run", Self.hasteSpec] + overrides + ["--run-dir", run.path, "--threads", "2"], environment: stages)
            XCTAssertEqual(result.status, 0, result.standardError)
            return try HDF5File.open(run.appendingPathComponent("metrics.h5"))
        }
        func mean(_ values: ArraySlice<Double>) -> Double { values.reduce(0, +) / Double(values.count) }
        func divergence(_ file: HDF5File) throws -> [Double] {
            zip(try file.readSeries("/train/haste/loss_haste", as: Double.self),
                try file.readSeries("/train/haste/haste_teacher_entropy", as: Double.self)).map { $0 - $1 }
        }
        let control = try train("control", ["alignment=[{name: repa, weight: 0.5, layer: 0, until_step: 250, projector_hidden: 64}, {name: haste_attention, weight: 0.0, student_layers: [0, 1], teacher_layers: [0, 1], until_step: 250}]"])
        defer { try? control.close() }
        let metrics = try train("run")
        defer { try? metrics.close() }
        func series(_ name: String) throws -> [Double] { try metrics.readSeries("/train/haste/\(name)", as: Double.self) }
        let steps = try metrics.readSeries("/train/haste/step", as: Int64.self)
        let haste = try series("loss_haste"), repa = try series("loss_repa")
        let total = try series("loss"), image = try series("loss_image"), caption = try series("loss_caption")
        XCTAssertEqual(haste.count, 300)
        let aligned = try divergence(metrics), unaligned = try divergence(control)
        XCTAssertGreaterThanOrEqual(aligned[0..<250].min()!, -1e-5, "a cross-entropy is at least the target's entropy")
        let first = mean(haste[0..<10]), last = mean(haste[200..<250])
        let lastDivergence = mean(aligned[200..<250]), controlDivergence = mean(unaligned[200..<250])
        print("crossflows HASTE: loss_haste mean over steps 1-10 \(first), over steps 201-250 \(last); KL over steps 201-250 \(lastDivergence), control (weight 0) \(controlDivergence); loss_repa \(mean(repa[0..<50])) -> \(mean(repa[200..<250]))")
        XCTAssertLessThan(last, first - 0.01, "the attention term must fall while it is applied")
        XCTAssertLessThan(lastDivergence, 0.5 * controlDivergence, "the student's attention must move towards the teacher's")
        for index in 0..<300 {
            let flow = image[index] + caption[index]
            if steps[index] <= 250 {
                XCTAssertEqual(total[index], flow + 0.5 * repa[index] + 0.5 * haste[index],
                               accuracy: 1e-4 * Swift.max(1, abs(total[index])), "step \(steps[index])")
            } else {
                XCTAssertEqual(haste[index], 0, "step \(steps[index]): switched off")
                XCTAssertEqual(total[index], flow, accuracy: 1e-4 * Swift.max(1, abs(total[index])), "step \(steps[index]): flow terms only")
            }
        }
    }
}
