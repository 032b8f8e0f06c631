import FlowData
import Foundation

/// Options of the `hdf5` data set: captioned images imported or rendered into files (`flowlab data import|render`).
struct HDF5DataOptions: Decodable, Sendable {
    /// The training file.
    var train: String
    /// The test file (prompts and reference images).
    var test: String
    /// Tokens per caption.
    var captionLength: Int
    /// `shapes` (the closed vocabulary of the shapes grammar) or `corpus` (words of the training captions).
    var vocabulary: String
    /// With `corpus`: the fewest occurrences a word needs to get its own token.
    var minimumCount: Int

    enum CodingKeys: String, CodingKey {
        case train, test, vocabulary
        case captionLength = "caption_length", minimumCount = "min_count"
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        train = try container.decode(String.self, forKey: .train)
        test = try container.decode(String.self, forKey: .test)
        captionLength = try container.decodeIfPresent(Int.self, forKey: .captionLength, where: .within(1...256)) ?? 32
        vocabulary = try container.decodeIfPresent(String.self, forKey: .vocabulary) ?? "corpus"
        guard ["shapes", "corpus"].contains(vocabulary) else {
            throw DecodingError.dataCorruptedError(forKey: .vocabulary, in: container,
                                                   debugDescription: "expected 'shapes' or 'corpus', got '\(vocabulary)'")
        }
        minimumCount = try container.decodeIfPresent(Int.self, forKey: .minimumCount, where: .within(1...1_000_000)) ?? 2
    }

    /// The two files opened and the vocabulary built; a missing or malformed file is an error naming it.
    func data() throws -> CaptionedImageData {
        let trainSet = try HDF5CaptionedImageDataset(url: URL(fileURLWithPath: train))
        let testSet = try HDF5CaptionedImageDataset(url: URL(fileURLWithPath: test))
        guard trainSet.imageSize == testSet.imageSize else {
            throw DataError("test images are \(testSet.imageSize) px but training images \(trainSet.imageSize) px", location: test)
        }
        let tokenizer: WordTokenizer
        if vocabulary == "shapes" {
            tokenizer = .shapes
        } else {
            let captions = try trainSet.reader.captionSlots(0..<trainSet.count).joined()
            tokenizer = try WordTokenizer(corpus: captions.filter { !$0.isEmpty }, minimumCount: minimumCount)
        }
        return CaptionedImageData(name: "hdf5", train: trainSet, test: testSet, tokenizer: tokenizer,
                                  captionLength: captionLength, shapes: nil)
    }
}
