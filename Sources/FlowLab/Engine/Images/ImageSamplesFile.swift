import FlowHDF5
import Foundation

/// `samples.h5` of a captioned-image run: one group per configuration, one group per seed under it (whatever the
/// number of seeds), and the real test images the prompts came from.
///
/// ```
/// /<configuration>/seed_<s>/images         uint8 [N, S, S, 3]   (image to text: the test images held fixed)
/// /<configuration>/seed_<s>/prompts        strings [N]           (prompted configurations)
/// /<configuration>/seed_<s>/prompt_tokens  int32 [N, L]
/// /<configuration>/seed_<s>/captions       strings [N]           (models that generate captions: decoded)
/// /<configuration>/seed_<s>/caption_tokens int32 [N, L]         (the mask token, if one is left, as <mask>'s id)
/// @method on /<configuration>
/// /reference/seed_<s>/images               uint8 [N, S, S, 3]   the test images the prompts describe
/// /reference/seed_<s>/captions             strings [N, 5]       their reference captions
/// @image_size, @caption_length, @seeds, @data on /
/// ```
///
/// In Python: `h5py.File("samples.h5")["crossflows_w3.0/seed_0/images"][:]` is an `(N, S, S, 3)` uint8 array.
struct ImageSamplesFile {
    let url: URL

    /// Writes every seed's configurations and references atomically.
    func write(seeds: [Int], samples: [[SampledImages]], references: [ReferenceExamples], imageSize: Int,
               captionLength: Int, dataName: String) throws {
        try HDF5File.writeAtomically(to: url) { file in
            for (seed, (configurations, reference)) in zip(seeds, zip(samples, references)) {
                let referenceGroup = "/reference/seed_\(seed)"
                try file.write(reference.pixels, shape: [reference.count, imageSize, imageSize, 3], to: "\(referenceGroup)/images")
                let width = reference.references.map(\.count).max() ?? 0
                let padded = reference.references.flatMap { $0 + Array(repeating: "", count: width - $0.count) }
                try file.writeStrings(padded, shape: [reference.count, width], to: "\(referenceGroup)/captions")
                for configuration in configurations {
                    let group = "/\(configuration.name)/seed_\(seed)"
                    let count = configuration.pixels.count / (imageSize * imageSize * 3)
                    try file.write(configuration.pixels, shape: [count, imageSize, imageSize, 3], to: "\(group)/images")
                    if let prompts = configuration.prompts { try file.writeStrings(prompts, to: "\(group)/prompts") }
                    if let tokens = configuration.promptTokens {
                        try file.write(tokens.map(Int32.init), shape: [count, captionLength], to: "\(group)/prompt_tokens")
                    }
                    if let captions = configuration.captions { try file.writeStrings(captions, to: "\(group)/captions") }
                    if let tokens = configuration.captionTokens {
                        try file.write(tokens.map(Int32.init), shape: [count, captionLength], to: "\(group)/caption_tokens")
                    }
                    try file.setAttribute("method", .string(configuration.method), at: "/\(configuration.name)")
                }
            }
            try file.setAttribute("image_size", .int(imageSize))
            try file.setAttribute("caption_length", .int(captionLength))
            try file.setAttribute("seeds", .ints(seeds))
            try file.setAttribute("data", .string(dataName))
        }
    }
}
