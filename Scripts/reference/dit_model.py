"""FlowModels' DiT in PyTorch: the one definition the parity fixture and the benchmark both use.

facebookresearch/DiT's module structure and parameter names (models.py: PatchEmbed `x_embedder.proj` as a
stride-p Conv2d, TimestepEmbedder `t_embedder.mlp.{0,2}` on 256 cos/sin features, LabelEmbedder
`y_embedder.embedding_table`, fixed MAE 2-D sin-cos `pos_embed`, DiTBlock with adaLN-Zero `adaLN_modulation.1`,
timm Attention `attn.{qkv,proj}` and Mlp `mlp.{fc1,fc2}` with GELU-tanh, FinalLayer
`final_layer.{linear,adaLN_modulation.1}`, unpatchify 'nhwpqc->nchpwq'), written without timm. A caption
variant replaces the label table by a caption-token table whose mean is added to the time embedding, with
learned positions `y_embedder.pos_embed` and PixArt's cross-attention (`blocks.N.cross_attn.{q_linear,kv_linear,proj}`,
`x = x + cross_attn(x, y)` after self-attention).

Images are channel-last [B, H, W, C] (FlowModels' layout); the model permutes them to [B, C, H, W] inside.
Flow time t in [0, 1] is fed to the DiT as 1000 t. The last row of a label or caption table is the null
label / padding token (the dropped condition of classifier-free guidance).

Used by Scripts/fixtures/dit_reference.py (the parity fixture of Tests/FlowModelsTests/DiTParityTests.swift)
and Scripts/bench/dit_bench.py (FlowBench's PyTorch baseline); both put this folder on sys.path.
"""
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def modulate(x, shift, scale):
    return x * (1 + scale.unsqueeze(1)) + shift.unsqueeze(1)


class PatchEmbed(nn.Module):
    def __init__(self, patch, channels, width):
        super().__init__()
        self.proj = nn.Conv2d(channels, width, kernel_size=patch, stride=patch)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class Attention(nn.Module):
    """timm's Attention: fused qkv, heads attend, proj."""

    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)

    def forward(self, x):
        b, n, c = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4).unbind(0)
        return self.proj(F.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(b, n, c))


class CrossAttention(nn.Module):
    """PixArt's MultiHeadCrossAttention: q_linear on x, kv_linear on the context, proj."""

    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.q_linear = nn.Linear(width, width)
        self.kv_linear = nn.Linear(width, 2 * width)
        self.proj = nn.Linear(width, width)

    def forward(self, x, context):
        b, n, c = x.shape
        s = context.shape[1]
        q = self.q_linear(x).reshape(b, n, self.heads, c // self.heads).transpose(1, 2)
        k, v = self.kv_linear(context).reshape(b, s, 2, self.heads, c // self.heads).permute(2, 0, 3, 1, 4).unbind(0)
        return self.proj(F.scaled_dot_product_attention(q, k, v).transpose(1, 2).reshape(b, n, c))


class Mlp(nn.Module):
    def __init__(self, width, hidden):
        super().__init__()
        self.fc1 = nn.Linear(width, hidden)
        self.act = nn.GELU(approximate="tanh")
        self.fc2 = nn.Linear(hidden, width)

    def forward(self, x):
        return self.fc2(self.act(self.fc1(x)))


class TimestepEmbedder(nn.Module):
    def __init__(self, width, frequencies=256):
        super().__init__()
        self.frequencies = frequencies
        self.mlp = nn.Sequential(nn.Linear(frequencies, width), nn.SiLU(), nn.Linear(width, width))

    def forward(self, t, max_period=10000):
        half = self.frequencies // 2
        freqs = torch.exp(-math.log(max_period) * torch.arange(half, dtype=t.dtype) / half)
        args = t[:, None] * freqs[None]
        return self.mlp(torch.cat([torch.cos(args), torch.sin(args)], dim=-1))


class LabelEmbedder(nn.Module):
    def __init__(self, classes, width):
        super().__init__()
        self.embedding_table = nn.Embedding(classes + 1, width)

    def forward(self, labels):
        return self.embedding_table(labels), None


class CaptionEmbedder(nn.Module):
    def __init__(self, vocabulary, length, width):
        super().__init__()
        self.embedding_table = nn.Embedding(vocabulary + 1, width)
        self.pos_embed = nn.Parameter(torch.zeros(1, length, width))

    def forward(self, tokens):
        vectors = self.embedding_table(tokens)
        return vectors.mean(dim=1), vectors + self.pos_embed


class DiTBlock(nn.Module):
    def __init__(self, width, heads, cross_attention, mlp_ratio=4):
        super().__init__()
        self.norm1 = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
        self.attn = Attention(width, heads)
        if cross_attention:
            self.cross_attn = CrossAttention(width, heads)
        self.norm2 = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
        self.mlp = Mlp(width, int(width * mlp_ratio))
        self.adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(width, 6 * width))

    def forward(self, x, c, context):
        shift_msa, scale_msa, gate_msa, shift_mlp, scale_mlp, gate_mlp = self.adaLN_modulation(c).chunk(6, dim=1)
        x = x + gate_msa.unsqueeze(1) * self.attn(modulate(self.norm1(x), shift_msa, scale_msa))
        if context is not None:
            x = x + self.cross_attn(x, context)
        return x + gate_mlp.unsqueeze(1) * self.mlp(modulate(self.norm2(x), shift_mlp, scale_mlp))


class FinalLayer(nn.Module):
    def __init__(self, width, patch, channels):
        super().__init__()
        self.norm_final = nn.LayerNorm(width, elementwise_affine=False, eps=1e-6)
        self.linear = nn.Linear(width, patch * patch * channels)
        self.adaLN_modulation = nn.Sequential(nn.SiLU(), nn.Linear(width, 2 * width))

    def forward(self, x, c):
        shift, scale = self.adaLN_modulation(c).chunk(2, dim=1)
        return self.linear(modulate(self.norm_final(x), shift, scale))


def sincos_1d(width, positions):
    omega = 1.0 / 10000 ** (np.arange(width // 2, dtype=np.float64) / (width / 2.0))
    angles = np.einsum("m,d->md", positions.reshape(-1), omega)
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)


def sincos_2d(width, side):
    grid = np.stack(np.meshgrid(np.arange(side, dtype=np.float32), np.arange(side, dtype=np.float32)), axis=0)
    return np.concatenate([sincos_1d(width // 2, grid[0]), sincos_1d(width // 2, grid[1])], axis=1)


class DiT(nn.Module):
    def __init__(self, image_size, patch, channels, width, depth, heads, y_embedder, cross_attention=False, mlp_ratio=4):
        super().__init__()
        self.patch, self.channels = patch, channels
        self.x_embedder = PatchEmbed(patch, channels, width)
        self.t_embedder = TimestepEmbedder(width)
        self.y_embedder = y_embedder
        side = image_size // patch
        table = torch.from_numpy(sincos_2d(width, side)).to(torch.get_default_dtype())
        self.pos_embed = nn.Parameter(table.unsqueeze(0), requires_grad=False)
        self.blocks = nn.ModuleList([DiTBlock(width, heads, cross_attention, mlp_ratio) for _ in range(depth)])
        self.final_layer = FinalLayer(width, patch, channels)

    def unpatchify(self, x):
        c, p = self.channels, self.patch
        h = w = int(x.shape[1] ** 0.5)
        x = torch.einsum("nhwpqc->nchpwq", x.reshape(x.shape[0], h, w, p, p, c))
        return x.reshape(x.shape[0], c, h * p, w * p)

    def forward(self, images_nhwc, t, condition):
        x = self.x_embedder(images_nhwc.permute(0, 3, 1, 2)) + self.pos_embed
        pooled, context = self.y_embedder(condition)
        c = self.t_embedder(1000 * t) + pooled
        for block in self.blocks:
            x = block(x, c, context)
        return self.unpatchify(self.final_layer(x, c)).permute(0, 2, 3, 1)
