import FlowNN
import FlowTensor

/// FlowTok's velocity network: adaLN-Zero DiT blocks over a 1D sequence of L tokens of d channels (text tokens
/// flowing into image tokens, or back), no cross-attention and no noise source.
///
/// Tokens enter through `Linear(d → width)` plus fixed 1-D sin-cos positions; the conditioning is the timestep
/// embedding of the raw flow time t (no ×1000) plus the CFG indicator's embedding (row 0: conditional, row 1:
/// "null", the rows whose targets were shuffled); the final layer maps back to d channels.
///
/// Parameters: `x_embedder.*`, `pos_embed` (fixed), `t_embedder.mlp.{0,2}.*`, `cfg_indicator_embedder.weight`
/// (`[2, width]`), `blocks.N.*` (``DiTBlock``), `final_layer.*` (``DiTFinalLayer`` with p = 1, d channels).
///
/// ```swift
/// let dit = try FlowTokDiT(configuration: .init(tokens: 16, channels: 16, width: 64, depth: 2, heads: 4), generator: &g)
/// let v = dit(xt, t: t, isNull: [false, true])   // xt [2, 16, 16] → v [2, 16, 16]
/// ```
public final class FlowTokDiT: Module {
    /// The sizes.
    public let configuration: FlowTokDiTConfiguration
    /// The token embedding `d → width` (checkpoint key `x_embedder`).
    public let tokenEmbedding: Linear
    /// The fixed `[1, L, width]` positions (checkpoint key `pos_embed`; not trained).
    public let positions: Tensor
    /// The timestep embedding (checkpoint key `t_embedder`).
    public let timeEmbedding: SinusoidalTimeEmbedding
    /// The CFG indicator's two embeddings (checkpoint key `cfg_indicator_embedder`).
    public let indicatorEmbedding: Embedding
    /// The adaLN-Zero blocks.
    public let blocks: [DiTBlock]
    /// The final modulated projection to d channels (checkpoint key `final_layer`).
    public let finalLayer: DiTFinalLayer

    override public class var checkpointKeys: [String: String] {
        ["tokenEmbedding": "x_embedder", "positions": "pos_embed", "timeEmbedding": "t_embedder",
         "indicatorEmbedding": "cfg_indicator_embedder", "finalLayer": "final_layer"]
    }

    /// A network of `configuration`'s sizes, initialised as DiT: Xavier-uniform linear layers with zero biases,
    /// N(0, 0.02²) timestep MLP and indicator table, zero adaLN modulations and output layer.
    public init(configuration c: FlowTokDiTConfiguration, dtype: DType = .float32, generator: inout RandomGenerator) throws {
        guard c.problems.isEmpty else { throw FlowTokError(c.problems) }
        configuration = c
        tokenEmbedding = Linear(c.channels, c.width, dtype: dtype, generator: &generator)
        positions = SinCosPositionEmbedding.table1D(width: c.width, length: c.tokens, dtype: dtype).reshaped([1, c.tokens, c.width]).copy()
        timeEmbedding = SinusoidalTimeEmbedding(dimension: 256, outputWidth: c.width, dtype: dtype, generator: &generator)
        indicatorEmbedding = Embedding(count: 2, width: c.width, dtype: dtype, generator: &generator)
        blocks = (0..<c.depth).map { _ in
            DiTBlock(width: c.width, heads: c.heads, mlpRatio: c.mlpRatio, dtype: dtype, generator: &generator)
        }
        finalLayer = DiTFinalLayer(width: c.width, patchSize: 1, channels: c.channels, dtype: dtype, generator: &generator)
        super.init()
        ReferenceInitialization.linearLayers(of: self, generator: &generator)
        ReferenceInitialization.timeEmbedding(timeEmbedding, generator: &generator)
        indicatorEmbedding.weight.assign(generator.normalTensor(indicatorEmbedding.weight.shape, dtype: dtype) * 0.02)
        for block in blocks { block.modulation.resetToZero() }
        ReferenceInitialization.zeroFinalLayer(finalLayer)
    }

    /// The velocity `[B, L, d]` at tokens `x` (`[B, L, d]`) and flow times `t` (`[B]`), with each row's CFG
    /// indicator (`true`: the "null" embedding).
    public func callAsFunction(_ x: Tensor, t: Tensor, isNull: [Bool]) -> Tensor {
        let c = configuration
        precondition(x.rank == 3 && x.shape[1] == c.tokens && x.shape[2] == c.channels,
                     "FlowTokDiT expects [B, \(c.tokens), \(c.channels)], got \(x.shape)")
        precondition(t.shape == [x.shape[0]] && isNull.count == x.shape[0], "FlowTokDiT: one time and one indicator per row")
        let tokens = tokenEmbedding(x) + positions
        let conditioning = timeEmbedding(t.converted(to: x.dtype)) + indicatorEmbedding(isNull.map { $0 ? 1 : 0 })
        let hidden = blocks.reduce(tokens) { $1($0, condition: conditioning) }
        return finalLayer(hidden, condition: conditioning)
    }
}
