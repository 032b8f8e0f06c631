/// Reads a `shapes` caption back into its scene, or says why it is not grammatical.
///
/// A caption is grammatical when it matches one template of `ShapeCaptionGrammar` word for word
/// (case, spacing and "a"/"an" do not matter), names a valid attribute in every slot, puts its
/// objects in different cells and states only relations that hold. Evaluators use it to score
/// generated captions against the ground-truth scene.
///
/// ```swift
/// let scene = try ShapeCaptionParser.parse("top left: a small red circle")
/// scene.objects[0].color    // .red
/// ShapeCaptionParser.scene(from: "a red thing")   // nil
/// ```
public enum ShapeCaptionParser {
    /// The scene `caption` describes; throws a `DataError` starting "not grammatical" when no template fits.
    public static func parse(_ caption: String) throws -> ShapeScene {
        let words = CaptionWords.split(caption).map { $0 == "an" ? "a" : $0 }
        var farthest = 0
        for template in ShapeCaptionGrammar.singleObjectTemplates + ShapeCaptionGrammar.twoObjectTemplates {
            var matcher = Matcher(words: words, objectCount: template.objectCount)
            if let scene = matcher.match(template.elements[...], at: 0) { return scene }
            farthest = max(farthest, matcher.farthest)
        }
        let reason = farthest < words.count
            ? "no template continues at word \(farthest + 1) ('\(words[farthest])')"
            : "the caption ends before a template is complete"
        throw DataError("not grammatical: \(reason)", location: "caption '\(caption)'")
    }

    /// The scene `caption` describes, or nil when it is not grammatical.
    public static func scene(from caption: String) -> ShapeScene? {
        try? parse(caption)
    }

    /// A backtracking match of one template against the caption's words.
    private struct Matcher {
        let words: [String]
        let objectCount: Int
        /// The index of the farthest word any partial match reached.
        var farthest = 0

        private struct Partial {
            var shapes: [ShapeKind?]
            var colors: [ShapeColor?]
            var sizes: [ShapeSize?]
            var cells: [GridCell?]
            var relations: [(Int, Int, ShapeRelation)] = []
        }

        init(words: [String], objectCount: Int) {
            self.words = words
            self.objectCount = objectCount
        }

        mutating func match(_ elements: ArraySlice<ShapeCaptionTemplate.Element>, at position: Int) -> ShapeScene? {
            let empty = Partial(shapes: Array(repeating: nil, count: objectCount), colors: Array(repeating: nil, count: objectCount),
                                sizes: Array(repeating: nil, count: objectCount), cells: Array(repeating: nil, count: objectCount))
            return match(elements, at: position, empty)
        }

        private mutating func match(_ elements: ArraySlice<ShapeCaptionTemplate.Element>, at position: Int,
                                    _ partial: Partial) -> ShapeScene? {
            farthest = max(farthest, position)
            guard let element = elements.first else {
                guard position == words.count else { return nil }
                return scene(from: partial)
            }
            let rest = elements.dropFirst()
            switch element {
            case .word(let word):
                guard position < words.count, words[position] == word else { return nil }
                return match(rest, at: position + 1, partial)
            case .size(let object):
                return matchChoice(ShapeSize.allCases, phrase: { [$0.rawValue] }, rest, position, partial) { $0.sizes[object] = $1 }
            case .color(let object):
                return matchChoice(ShapeColor.allCases, phrase: { [$0.rawValue] }, rest, position, partial) { $0.colors[object] = $1 }
            case .shape(let object):
                return matchChoice(ShapeKind.allCases, phrase: { [$0.rawValue] }, rest, position, partial) { $0.shapes[object] = $1 }
            case .cellName(let object):
                return matchChoice(GridCell.allCases, phrase: { CaptionWords.split($0.name) }, rest, position, partial) {
                    $0.cells[object] = $1
                }
            case .place(let object):
                return matchChoice(GridCell.allCases, phrase: { CaptionWords.split($0.place) }, rest, position, partial) {
                    $0.cells[object] = $1
                }
            case .relation(let first, let second):
                return matchChoice(ShapeRelation.allCases, phrase: { CaptionWords.split($0.phrase) }, rest, position, partial) {
                    $0.relations.append((first, second, $1))
                }
            }
        }

        /// Tries every value whose phrase appears at `position`, binding it with `bind` and matching the rest.
        private mutating func matchChoice<Value>(_ values: [Value], phrase: (Value) -> [String],
                                                 _ rest: ArraySlice<ShapeCaptionTemplate.Element>, _ position: Int,
                                                 _ partial: Partial, bind: (inout Partial, Value) -> Void) -> ShapeScene? {
            for value in values {
                let phraseWords = phrase(value)
                guard position + phraseWords.count <= words.count,
                      Array(words[position..<(position + phraseWords.count)]) == phraseWords else { continue }
                var next = partial
                bind(&next, value)
                if let scene = match(rest, at: position + phraseWords.count, next) { return scene }
            }
            return nil
        }

        /// The scene of a complete match: every attribute bound, cells distinct, relations true.
        private func scene(from partial: Partial) -> ShapeScene? {
            var objects: [ShapeObject] = []
            for index in 0..<objectCount {
                guard let shape = partial.shapes[index], let color = partial.colors[index], let size = partial.sizes[index],
                      let cell = partial.cells[index] else { return nil }
                objects.append(ShapeObject(shape: shape, color: color, size: size, cell: cell))
            }
            for (first, second, relation) in partial.relations where !relation.holds(between: objects[first].cell, and: objects[second].cell) {
                return nil
            }
            return ShapeScene(objects)
        }
    }
}
