import FlowData

/// The parts of a configuration's input that a suite needs, each checked (present, one per generated sample) with
/// an ``EvaluatorSuiteError`` naming the suite and the configuration when it is not.
extension EvaluationInput {
    /// The generated images, uint8 `[N, S, S, 3]`.
    func requiredImages(for suite: String) throws -> [UInt8] {
        guard let images, !images.isEmpty else { throw missing("generated images", suite) }
        let imageBytes = imageSize * imageSize * 3
        guard imageBytes > 0, images.count % imageBytes == 0 else {
            throw EvaluatorSuiteError(suite: suite, configuration: configuration,
                                      "\(images.count) image bytes are not whole \(imageSize) x \(imageSize) x 3 images")
        }
        return images
    }

    /// The scene each generated image was asked for, one per image.
    func requiredPromptScenes(for suite: String) throws -> [ShapeScene] {
        guard let promptScenes else { throw missing("prompt scenes (the data set must be shapes)", suite) }
        try checkOnePerImage(promptScenes.count, "prompt scenes", suite)
        return promptScenes
    }

    /// The text prompt of each generated image.
    func requiredPrompts(for suite: String) throws -> [String] {
        guard let prompts else { throw missing("text prompts", suite) }
        try checkOnePerImage(prompts.count, "prompts", suite)
        return prompts
    }

    /// The generated captions, one per reference image (same order).
    func requiredCaptions(for suite: String) throws -> [String] {
        let captions = try generatedCaptions(suite)
        guard captions.count == referenceCaptions.count else {
            throw EvaluatorSuiteError(suite: suite, configuration: configuration,
                                      "\(captions.count) generated captions but \(referenceCaptions.count) reference images; "
                                      + "captions are scored one per reference image, in the same order")
        }
        return captions
    }

    /// The generated captions, one per generated image (pairs generated together, in the same order).
    func requiredImageCaptions(for suite: String) throws -> [String] {
        let captions = try generatedCaptions(suite)
        try checkOnePerImage(captions.count, "captions", suite)
        return captions
    }

    /// The generated captions, whatever their count.
    func generatedCaptions(_ suite: String) throws -> [String] {
        guard let captions, !captions.isEmpty else { throw missing("generated captions", suite) }
        return captions
    }

    private func checkOnePerImage(_ count: Int, _ what: String, _ suite: String) throws {
        guard count == imageCount else {
            throw EvaluatorSuiteError(suite: suite, configuration: configuration, "\(imageCount) generated images but \(count) \(what)")
        }
    }

    private func missing(_ what: String, _ suite: String) -> EvaluatorSuiteError {
        EvaluatorSuiteError(suite: suite, configuration: configuration, "the configuration has no \(what), which this suite scores")
    }
}
