/// The HDF5 layout of a captioned-image file, shared by its writer, its reader and the README.
///
/// ```
/// /images          uint8  [N, S, S, 3]   chunked by rows, gzip
/// /captions        string [N, 5]         UTF-8, "" where an image has fewer than 5 captions
/// /objects/shape   int32  [N, M]         optional (procedural data): ids into shape_names, -1 for no object
/// /objects/color   int32  [N, M]         ids into color_names
/// /objects/size    int32  [N, M]         ids into size_names
/// /objects/cell    int32  [N, M]         ids into cell_names (3 x 3 grid, row-major from the top left)
/// root attributes: format, format_version, layout (this text), image_size, captions_per_image,
///                  and per data set e.g. source, split, seed, shape_names, color_names, size_names, cell_names
/// ```
public enum CaptionedImageFileLayout {
    /// The value of the root attribute `format`.
    public static let format = "flowlab.captioned_images"
    /// The value of the root attribute `format_version`.
    public static let formatVersion = 1
    /// Reference captions stored per image (the width of `/captions`).
    public static let captionsPerImage = 5
    /// The path of the image dataset.
    public static let imagesPath = "/images"
    /// The path of the caption dataset.
    public static let captionsPath = "/captions"
    /// The group of the optional object datasets.
    public static let objectsGroup = "/objects"
    /// The object fields, in the order of `ObjectAnnotation`'s properties; each is `/objects/<field>`.
    public static let objectFields = ["shape", "color", "size", "cell"]
    /// The largest image side the container accepts.
    public static let maximumImageSize = 1024
    /// The layout in words, stored as the root attribute `layout` so a file documents itself.
    public static let description = """
        /images uint8 [N, S, S, 3] (RGB, rows top to bottom); \
        /captions string [N, 5] (UTF-8, empty where an image has fewer than 5 captions); \
        optional /objects/{shape,color,size,cell} int32 [N, M] (ids into the root attributes \
        shape_names, color_names, size_names, cell_names; -1 where an image has fewer than M objects)
        """
}
