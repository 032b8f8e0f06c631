import FlowTensor

/// The paraphrase grammar of `shapes` captions: several templates per object count, 5 captions per image.
///
/// Every template names every attribute (shape, colour, size, cell) of every object, so each caption
/// parses back to its scene with `ShapeCaptionParser`. Two-object templates also state a relation
/// ("to the left of", "above", ...) that holds between the cells. "a" becomes "an" before a vowel.
///
/// ```swift
/// var random = RandomGenerator(seed: 1, stream: "captions")
/// let captions = ShapeCaptionGrammar.captions(for: scene, random: &random)
/// // ["a small red circle in the top left", "top left: a small red circle", ...]
/// ```
public enum ShapeCaptionGrammar {
    /// Captions written per image.
    public static let captionsPerImage = 5

    /// The templates for one object.
    public static let singleObjectTemplates: [ShapeCaptionTemplate] = [
        "a {size0} {color0} {shape0} {place0}",
        "{cell0}: a {size0} {color0} {shape0}",
        "there is a {color0} {shape0}, {size0}, {place0}",
        "{place0} there is a {size0} {color0} {shape0}",
        "a {color0} {shape0} of {size0} size {place0}",
        "the {shape0} {place0} is {size0} and {color0}",
    ].map(ShapeCaptionTemplate.init)

    /// The templates for two objects (object 0 is mentioned first).
    public static let twoObjectTemplates: [ShapeCaptionTemplate] = [
        "a {size0} {color0} {shape0} {place0} and a {size1} {color1} {shape1} {place1}",
        "a {size0} {color0} {shape0} {place0}, {relation01} a {size1} {color1} {shape1} {place1}",
        "{cell0}: a {size0} {color0} {shape0}; {cell1}: a {size1} {color1} {shape1}",
        "there is a {color0} {shape0} of {size0} size {place0} and a {color1} {shape1} of {size1} size {place1}",
        "two shapes: a {color0} {shape0}, {size0}, {place0}, and a {color1} {shape1}, {size1}, {place1}",
        "the {size0} {color0} {shape0} {place0} is {relation01} the {size1} {color1} {shape1} {place1}",
    ].map(ShapeCaptionTemplate.init)

    /// The templates for scenes of `objectCount` objects.
    public static func templates(objectCount: Int) -> [ShapeCaptionTemplate] {
        switch objectCount {
        case 1: singleObjectTemplates
        case 2: twoObjectTemplates
        default: []
        }
    }

    /// Five captions of `scene` from five different templates in random order (objects mentioned in random order).
    public static func captions(for scene: ShapeScene, random: inout RandomGenerator) -> [String] {
        let templates = templates(objectCount: scene.objects.count)
        precondition(templates.count >= captionsPerImage, "the grammar has no templates for \(scene.objects.count) objects")
        let order = random.permutation(templates.count).prefix(captionsPerImage)
        let swaps = random.uniform(captionsPerImage)
        return zip(order, swaps).map { templateIndex, swap in
            let objects = swap < 0.5 ? scene.objects : Array(scene.objects.reversed())
            return caption(templates[templateIndex], objects: objects)
        }
    }

    /// The caption of one template for `objects` (in mention order).
    public static func caption(_ template: ShapeCaptionTemplate, objects: [ShapeObject]) -> String {
        CaptionWords.join(withArticles(template.words(for: objects)))
    }

    /// Every word and mark the grammar can write, sorted: the closed vocabulary of `shapes` captions.
    public static var vocabulary: [String] {
        var words: Set<String> = ["an"]
        for template in singleObjectTemplates + twoObjectTemplates {
            for case .word(let word) in template.elements { words.insert(word) }
        }
        words.formUnion(ShapeKind.allCases.map(\.rawValue))
        words.formUnion(ShapeColor.allCases.map(\.rawValue))
        words.formUnion(ShapeSize.allCases.map(\.rawValue))
        for cell in GridCell.allCases {
            words.formUnion(CaptionWords.split(cell.name))
            words.formUnion(CaptionWords.split(cell.place))
        }
        for relation in ShapeRelation.allCases { words.formUnion(CaptionWords.split(relation.phrase)) }
        return words.sorted()
    }

    /// `words` with "a" turned into "an" before a word that starts with a vowel.
    static func withArticles(_ words: [String]) -> [String] {
        var result = words
        for index in result.indices.dropLast() where result[index] == "a" {
            if let first = result[index + 1].first, "aeiou".contains(first) { result[index] = "an" }
        }
        return result
    }
}
