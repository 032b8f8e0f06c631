"""FlowModels' CrossFlows in PyTorch: the one definition the parity fixture and the benchmark both use.

The two networks of CrossFlows (paper section 3.3), built from the layers of dit_model.py (facebookresearch/DiT's
PatchEmbed, TimestepEmbedder, timm Attention and Mlp, PixArt's CrossAttention, FinalLayer, MAE 2-D sin-cos positions,
the caption table `embedding_table` + `pos_embed`):

* image_model: Stable Diffusion 3's MM-DiT (Stability-AI/sd3-ref mmditx.py): `x_embedder`, fixed `pos_embed`,
  `t_embedder` (adaLN from the timestep only), `context_embedder` (token table of the current caption state plus learned
  positions, with a null row for the dropped caption), `joint_blocks.N.{context_block, x_block}` (DismantledBlock:
  `attn.qkv`, `attn.proj`, `mlp.fc1/fc2`, `adaLN_modulation.1`; the last block's context block is pre-only: `attn.qkv`
  and a 2-chunk adaLN), joint attention over [text tokens, image tokens] (block_mixing), `final_layer`, unpatchify.
* caption_model: `x_embedder` (token table + learned positions), `t_embedder`, `image_embedder` (its own patch encoder:
  `x_embedder.proj`, fixed `pos_embed`, `proj`), `blocks.N` with
  x <- x + g_a attn(n(x)) + g_c cross_attn(n(x), z) + g_m mlp(n(x)), each n(x) = modulate(norm(x), shift, scale) with
  its own adaLN chunks (9 in all), and `final_layer` to vocabulary logits.

Images are channel-last [B, H, W, C]; flow time t in [0, 1] enters both timestep embedders as 1000 t. Rows whose
caption is dropped show the image model the null token (one past the vocabulary); the caption model always reads the
real caption state.

Used by Scripts/fixtures/crossflows_reference.py (the parity fixture of CrossFlowsParityTests) and
Scripts/bench/crossflows_bench.py (FlowBench's PyTorch baseline); both put this folder on sys.path.
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from dit_model import (
    Attention, CaptionEmbedder, CrossAttention, FinalLayer, Mlp, PatchEmbed, TimestepEmbedder, modulate, sincos_2d)


def fixed_positions(width, side):
    table = torch.from_numpy(sincos_2d(width, side)).to(torch.get_default_dtype())
    return nn.Parameter(table.unsqueeze(0), requires_grad=False)


class SelfAttention(nn.Module):
    """SD3's SelfAttention as used by block_mixing: qkv before the joint attention, proj after (none when pre-only)."""

    def __init__(self, width, heads, pre_only):
        super().__init__()
        self.num_heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        if not pre_only:
            self.proj = nn.Linear(width, width)


class DismantledBlock(nn.Module):
    def __init__(self, width, heads, pre_only=False):
        super().__init__()
        self.pre_only = pre_only
        self.norm1 = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
        self.attn = SelfAttention(width, heads, pre_only)
        if not pre_only:
            self.norm2 = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
            self.mlp = Mlp(width, 4 * width)
        self.adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(width, (2 if pre_only else 6) * width))

    def pre_attention(self, x, c):
        if self.pre_only:
            shift_msa, scale_msa = self.adaLN_modulation(c).chunk(2, dim=1)
            return self.attn.qkv(modulate(self.norm1(x), shift_msa, scale_msa)), None
        shift_msa, scale_msa, gate_msa, shift_mlp, scale_mlp, gate_mlp = self.adaLN_modulation(c).chunk(6, dim=1)
        qkv = self.attn.qkv(modulate(self.norm1(x), shift_msa, scale_msa))
        return qkv, (x, gate_msa, shift_mlp, scale_mlp, gate_mlp)

    def post_attention(self, attn, x, gate_msa, shift_mlp, scale_mlp, gate_mlp):
        x = x + gate_msa.unsqueeze(1) * self.attn.proj(attn)
        return x + gate_mlp.unsqueeze(1) * self.mlp(modulate(self.norm2(x), shift_mlp, scale_mlp))


def attention(qkv, heads):
    """softmax(q k^T / sqrt(d)) v per head on packed [B, N, 3C] projections laid out [3, heads, d] per token."""
    b, n, c3 = qkv.shape
    q, k, v = qkv.reshape(b, n, 3, heads, c3 // (3 * heads)).permute(2, 0, 3, 1, 4).unbind(0)
    return F.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(b, n, c3 // 3)


class JointBlock(nn.Module):
    def __init__(self, width, heads, pre_only):
        super().__init__()
        self.context_block = DismantledBlock(width, heads, pre_only=pre_only)
        self.x_block = DismantledBlock(width, heads)

    def forward(self, context, x, c):
        """SD3's block_mixing: text tokens first, then image tokens, in one attention."""
        context_qkv, context_intermediates = self.context_block.pre_attention(context, c)
        x_qkv, x_intermediates = self.x_block.pre_attention(x, c)
        attn = attention(torch.cat((context_qkv, x_qkv), dim=1), self.x_block.attn.num_heads)
        context_attn, x_attn = attn[:, :context.shape[1]], attn[:, context.shape[1]:]
        if self.context_block.pre_only:
            context = None
        else:
            context = self.context_block.post_attention(context_attn, *context_intermediates)
        return context, self.x_block.post_attention(x_attn, *x_intermediates)


class ImageFlow(nn.Module):
    def __init__(self, image_size, patch, channels, width, depth, heads, vocabulary, length, frequencies):
        super().__init__()
        self.patch, self.channels = patch, channels
        self.x_embedder = PatchEmbed(patch, channels, width)
        self.t_embedder = TimestepEmbedder(width, frequencies)
        self.context_embedder = CaptionEmbedder(vocabulary, length, width)
        self.pos_embed = fixed_positions(width, image_size // patch)
        self.joint_blocks = nn.ModuleList([JointBlock(width, heads, pre_only=i == depth - 1) for i in range(depth)])
        self.final_layer = FinalLayer(width, patch, channels)

    def forward(self, images_nhwc, t, captions):
        x = self.x_embedder(images_nhwc.permute(0, 3, 1, 2)) + self.pos_embed
        c = self.t_embedder(1000 * t)
        context = self.context_embedder(captions)[1]
        for block in self.joint_blocks:
            context, x = block(context, x, c)
        x = self.final_layer(x, c)
        b, n, _ = x.shape
        h = w = int(n ** 0.5)
        p, ch = self.patch, self.channels
        return x.reshape(b, h, w, p, p, ch).permute(0, 1, 3, 2, 4, 5).reshape(b, h * p, w * p, ch)


class ImagePatchEncoder(nn.Module):
    def __init__(self, image_size, patch, channels, width):
        super().__init__()
        self.x_embedder = PatchEmbed(patch, channels, width)
        self.pos_embed = fixed_positions(width, image_size // patch)
        self.proj = nn.Linear(width, width)

    def forward(self, images_nhwc):
        return self.proj(self.x_embedder(images_nhwc.permute(0, 3, 1, 2)) + self.pos_embed)


class CaptionFlowBlock(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.norm = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
        self.attn = Attention(width, heads)
        self.cross_attn = CrossAttention(width, heads)
        self.mlp = Mlp(width, 4 * width)
        self.adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(width, 9 * width))

    def forward(self, x, z, c):
        (shift_a, scale_a, gate_a, shift_c, scale_c, gate_c,
         shift_m, scale_m, gate_m) = self.adaLN_modulation(c).chunk(9, dim=1)
        h = self.norm(x)
        return (x + gate_a.unsqueeze(1) * self.attn(modulate(h, shift_a, scale_a))
                + gate_c.unsqueeze(1) * self.cross_attn(modulate(h, shift_c, scale_c), z)
                + gate_m.unsqueeze(1) * self.mlp(modulate(h, shift_m, scale_m)))


class CaptionFlow(nn.Module):
    def __init__(self, image_size, patch, channels, width, depth, heads, vocabulary, length, frequencies):
        super().__init__()
        self.x_embedder = CaptionEmbedder(vocabulary, length, width)
        self.t_embedder = TimestepEmbedder(width, frequencies)
        self.image_embedder = ImagePatchEncoder(image_size, patch, channels, width)
        self.blocks = nn.ModuleList([CaptionFlowBlock(width, heads) for _ in range(depth)])
        self.final_layer = FinalLayer(width, 1, vocabulary)

    def forward(self, captions, images_nhwc, t):
        z = self.image_embedder(images_nhwc)
        c = self.t_embedder(1000 * t)
        x = self.x_embedder(captions)[1]
        for block in self.blocks:
            x = block(x, z, c)
        return self.final_layer(x, c)


class CrossFlows(nn.Module):
    """The image flow and the caption flow at the sizes of a FlowModels `CrossFlowsConfiguration`."""

    def __init__(self, image_size, patch, channels, width, depth, heads, vocabulary, length, caption_width,
                 caption_depth, caption_heads, encoder_patch, frequencies=256):
        super().__init__()
        self.vocabulary = vocabulary
        self.image_model = ImageFlow(image_size, patch, channels, width, depth, heads, vocabulary, length, frequencies)
        self.caption_model = CaptionFlow(image_size, encoder_patch, channels, caption_width, caption_depth,
                                         caption_heads, vocabulary, length, frequencies)

    def forward(self, images, captions, t, dropped):
        shown = torch.where(dropped[:, None], torch.full_like(captions, self.vocabulary), captions)
        return self.image_model(images, t, shown), self.caption_model(captions, images, t)
