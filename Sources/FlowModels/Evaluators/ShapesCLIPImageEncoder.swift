import FlowNN
import FlowTensor

/// The image tower of `ShapesCLIP`: a network shared by the 9 cells, then one projection of the cells side by side.
///
/// Each cell's window is read as the scene reader reads it (`SceneReader.cellInputs`: pixels, foreground
/// map, cell id), through `cellLayers` (two linear layers, GELU); the 9 cells' features, concatenated in
/// `GridCell` order, are projected to the shared embedding width by `projection` (not normalised here).
public final class ShapesCLIPImageEncoder: Module {
    /// The image side and cell windows.
    public let cells: SceneReaderConfiguration
    /// Per-cell layers: window → hidden → cell features.
    let cellLayers: [Linear]
    /// The 9 cells' features → the embedding.
    let projection: Linear

    override public class var checkpointKeys: [String: String] { ["cellLayers": "cell_layers"] }

    public init(configuration: ShapesCLIPConfiguration, generator: inout RandomGenerator) {
        cells = configuration.cells
        cellLayers = [Linear(cells.inputWidth, configuration.cellHiddenWidth, generator: &generator),
                      Linear(configuration.cellHiddenWidth, configuration.cellFeatureWidth, generator: &generator)]
        projection = Linear(9 * configuration.cellFeatureWidth, configuration.embeddingWidth, generator: &generator)
    }

    /// The unnormalised embeddings `[count, embeddingWidth]` of `count` uint8 images `[count, S, S, 3]`.
    public func callAsFunction(pixels: [UInt8], count: Int) -> Tensor {
        var hidden = SceneReader.cellInputs(pixels: pixels, count: count, configuration: cells)
        for layer in cellLayers { hidden = layer(hidden).geluTanh() }
        return projection(hidden.reshaped([count, 9 * hidden.shape[1]]))
    }
}
