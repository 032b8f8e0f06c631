"""FlowModels' FlowTok modules in PyTorch: the definitions the parity fixture (Scripts/fixtures/flowtok_make_fixture.py)
exports, with the parameter names of Sources/FlowModels/FlowTok.

- ImageTokenizer: TA-TiTok-style 1D KL tokenizer with RoPE (2-D axial, rotate-half, on the image-patch tokens only;
  the latent / mask ... tokens sit at position 0, an identity rotation) and SwiGLU MLPs (hidden 8 w / 3).
  encoder: patch_embed.proj (stride-p Conv2d), pos_embed [P, w] (learned, added to the patches), latent_tokens [L, w], blocks.N.{norm1, attn.{qkv,proj}, norm2,
  mlp.{fc1_g, fc1_x, fc2}}, norm, moments (w -> 2d). decoder: latent_embed (d -> w), mask_token [w] + pos_embed [P, w], blocks, norm,
  pixels (w -> p p C, unpatchified 'nhwpqc').
- TextProjector: post-LN transformer blocks (nn.TransformerEncoderLayer, ReLU, no dropout; attention as timm's packed
  qkv/proj) then moments (F -> 2d): (mu, logvar), logvar clamped to [-30, 20].
- LatentKL: per-element mean of -1/2 (1 + logvar - P(mu) - exp(logvar)), P = (0.3 mu)^6 (reference) or mu^2 (gaussian).
- TextAlignment: target mlp (F-512-SiLU-512-SiLU-d; `target.{0,2,4}`) or avg_pool over channel groups; loss contrastive
  (flatten, L2-normalise, exp(logit_scale) Z C^T, symmetric CE; logit_scale [1] = log(1/0.07)) or cosine
  (mean relu(margin - cos)).
- FlowTokDiT: x_embedder (d -> w) + fixed 1-D sin-cos pos_embed, t_embedder on raw t, cfg_indicator_embedder [2, w]
  added to the time embedding, DiT adaLN-Zero blocks (dit_model.DiTBlock), final_layer with p = 1.
- TextDecoder: latent_embed (d -> w) + learned pos_embed, pre-LN blocks (norm1, attn, norm2, mlp GELU-tanh), norm, head.
- FlowTokFlow: the trained part of the text-to-image flow (FlowLab's FlowTokFlowModel: dit.*, projector.*,
  alignment.*), its training loss on given draws (FlowTokObjective.loss(model:features:imageTokens:draws:)) and
  sample_images (FlowTokSampler.images: projector sample, Euler steps with the CFG indicator, tokenizer decoding).

Images are channel-last [B, H, W, C], as in FlowModels.
"""
import math
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from dit_model import DiTBlock, FinalLayer, Mlp, PatchEmbed, TimestepEmbedder, sincos_1d  # noqa: E402


def rope_tables(head_dim, coordinates, base=10000.0):
    """cos and sin tables [N, head_dim]: one coordinate list per section, rotate-half pairs (i, i + half)."""
    section = head_dim // len(coordinates)
    half = section // 2
    frequencies = base ** (-2 * np.arange(half, dtype=np.float64) / section)
    cos, sin = [], []
    for positions in coordinates:
        angles = np.outer(np.asarray(positions, dtype=np.float64), frequencies)
        angles = np.concatenate([angles, angles], axis=1)
        cos.append(np.cos(angles))
        sin.append(np.sin(angles))
    dtype = torch.get_default_dtype()
    return torch.from_numpy(np.concatenate(cos, 1)).to(dtype), torch.from_numpy(np.concatenate(sin, 1)).to(dtype)


def grid_rope(head_dim, side, unrotated):
    rows = [i // side for i in range(side * side)] + [0] * unrotated
    columns = [i % side for i in range(side * side)] + [0] * unrotated
    return rope_tables(head_dim, [rows, columns])


def apply_rope(x, tables, sections=2):
    cos, sin = tables
    half = x.shape[-1] // sections // 2
    pieces = []
    for s in range(sections):
        a = x[..., 2 * s * half:(2 * s + 1) * half]
        b = x[..., (2 * s + 1) * half:(2 * s + 2) * half]
        pieces += [-b, a]
    return x * cos + torch.cat(pieces, dim=-1) * sin


class RopeAttention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)

    def forward(self, x, rope=None, mask=None):
        b, n, c = x.shape
        q, k, v = self.qkv(x).reshape(b, n, 3, self.heads, c // self.heads).permute(2, 0, 3, 1, 4).unbind(0)
        if rope is not None:
            q, k = apply_rope(q, rope), apply_rope(k, rope)
        return self.proj(F.scaled_dot_product_attention(q, k, v, attn_mask=mask).transpose(1, 2).reshape(b, n, c))


class SwiGLU(nn.Module):
    def __init__(self, width, hidden):
        super().__init__()
        self.fc1_g = nn.Linear(width, hidden)
        self.fc1_x = nn.Linear(width, hidden)
        self.fc2 = nn.Linear(hidden, width)

    def forward(self, x):
        return self.fc2(F.silu(self.fc1_g(x)) * self.fc1_x(x))


class SwiGLUBlock(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(width)
        self.attn = RopeAttention(width, heads)
        self.norm2 = nn.LayerNorm(width)
        self.mlp = SwiGLU(width, 8 * width // 3)

    def forward(self, x, rope):
        x = x + self.attn(self.norm1(x), rope)
        return x + self.mlp(self.norm2(x))


def gaussian(moments):
    mean, logvar = moments.chunk(2, dim=-1)
    return mean, logvar.clamp(-30.0, 20.0)


class TokenizerEncoder(nn.Module):
    def __init__(self, image_size, patch, channels, width, depth, heads, tokens, latent_channels):
        super().__init__()
        self.side, self.tokens = image_size // patch, tokens
        self.patch_embed = PatchEmbed(patch, channels, width)
        self.pos_embed = nn.Parameter(torch.randn(self.side * self.side, width) * width ** -0.5)
        self.latent_tokens = nn.Parameter(torch.randn(tokens, width) * width ** -0.5)
        self.blocks = nn.ModuleList([SwiGLUBlock(width, heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(width)
        self.moments = nn.Linear(width, 2 * latent_channels)
        self.rope = grid_rope(width // heads, self.side, tokens)

    def forward(self, images_nhwc):
        x = self.patch_embed(images_nhwc.permute(0, 3, 1, 2)) + self.pos_embed
        x = torch.cat([x, self.latent_tokens.unsqueeze(0).expand(x.shape[0], -1, -1)], dim=1)
        for block in self.blocks:
            x = block(x, self.rope)
        return gaussian(self.moments(self.norm(x[:, self.side * self.side:])))


class TokenizerDecoder(nn.Module):
    def __init__(self, image_size, patch, channels, width, depth, heads, tokens, latent_channels):
        super().__init__()
        self.side, self.patch, self.channels = image_size // patch, patch, channels
        self.latent_embed = nn.Linear(latent_channels, width)
        self.mask_token = nn.Parameter(torch.randn(width) * width ** -0.5)
        self.pos_embed = nn.Parameter(torch.randn(self.side * self.side, width) * width ** -0.5)
        self.blocks = nn.ModuleList([SwiGLUBlock(width, heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(width)
        self.pixels = nn.Linear(width, patch * patch * channels)
        self.rope = grid_rope(width // heads, self.side, tokens)

    def forward(self, z):
        n = self.side * self.side
        x = torch.cat([(self.mask_token + self.pos_embed).expand(z.shape[0], n, -1), self.latent_embed(z)], dim=1)
        for block in self.blocks:
            x = block(x, self.rope)
        x = self.pixels(self.norm(x[:, :n]))
        p, c, h = self.patch, self.channels, self.side
        x = torch.einsum("nhwpqc->nhpwqc", x.reshape(x.shape[0], h, h, p, p, c))
        return x.reshape(x.shape[0], h * p, h * p, c)


class ImageTokenizer(nn.Module):
    def __init__(self, **sizes):
        super().__init__()
        self.encoder = TokenizerEncoder(**sizes)
        self.decoder = TokenizerDecoder(**sizes)


class PostNormBlock(nn.Module):
    """nn.TransformerEncoderLayer(norm_first=False, activation=relu, dropout=0) with timm's packed attention."""

    def __init__(self, width, heads, hidden):
        super().__init__()
        self.attn = RopeAttention(width, heads)
        self.linear1 = nn.Linear(width, hidden)
        self.linear2 = nn.Linear(hidden, width)
        self.norm1 = nn.LayerNorm(width)
        self.norm2 = nn.LayerNorm(width)

    def forward(self, x, mask=None):
        x = self.norm1(x + self.attn(x, mask=mask))
        return self.norm2(x + self.linear2(F.relu(self.linear1(x))))


class TextProjector(nn.Module):
    def __init__(self, feature_width, depth, heads, hidden, latent_channels):
        super().__init__()
        self.blocks = nn.ModuleList([PostNormBlock(feature_width, heads, hidden) for _ in range(depth)])
        self.moments = nn.Linear(feature_width, 2 * latent_channels)

    def forward(self, features, mask=None):
        for block in self.blocks:
            features = block(features, mask)
        return gaussian(self.moments(features))


def latent_kl(mean, logvar, kind):
    penalty = (0.3 * mean) ** 6 if kind == "reference" else mean ** 2
    return (-0.5 * (1 + logvar - penalty - logvar.exp())).mean()


class TextAlignment(nn.Module):
    def __init__(self, feature_width, latent_channels, target, loss, margin=1.0, hidden=512):
        super().__init__()
        self.kind, self.loss_kind, self.margin, self.d = target, loss, margin, latent_channels
        if target == "mlp":
            self.target = nn.Sequential(nn.Linear(feature_width, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                                        nn.Linear(hidden, latent_channels))
        if loss == "contrastive":
            self.logit_scale = nn.Parameter(torch.full([1], math.log(1 / 0.07)))

    def targets(self, features):
        if self.kind == "mlp":
            return self.target(features)
        return F.adaptive_avg_pool1d(features.flatten(0, 1).unsqueeze(1), self.d).reshape(*features.shape[:2], self.d)

    def forward(self, z, features):
        tokens = F.normalize(z.flatten(1), dim=-1)
        goals = F.normalize(self.targets(features).flatten(1), dim=-1)
        if self.loss_kind == "contrastive":
            logits = self.logit_scale.exp() * tokens @ goals.t()
            labels = torch.arange(z.shape[0])
            return (F.cross_entropy(logits, labels) + F.cross_entropy(logits.t(), labels)) / 2
        return F.relu(self.margin - (tokens * goals).sum(-1)).mean()


class FlowTokDiT(nn.Module):
    def __init__(self, tokens, channels, width, depth, heads, mlp_ratio=4):
        super().__init__()
        self.x_embedder = nn.Linear(channels, width)
        table = torch.from_numpy(sincos_1d(width, np.arange(tokens, dtype=np.float64))).to(torch.get_default_dtype())
        self.pos_embed = nn.Parameter(table.unsqueeze(0), requires_grad=False)
        self.t_embedder = TimestepEmbedder(width)
        self.cfg_indicator_embedder = nn.Embedding(2, width)
        self.blocks = nn.ModuleList([DiTBlock(width, heads, False, mlp_ratio) for _ in range(depth)])
        self.final_layer = FinalLayer(width, 1, channels)

    def forward(self, x, t, is_null):
        c = self.t_embedder(t) + self.cfg_indicator_embedder(is_null.long())
        x = self.x_embedder(x) + self.pos_embed
        for block in self.blocks:
            x = block(x, c, None)
        return self.final_layer(x, c)


class TextDecoderBlock(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.norm1 = nn.LayerNorm(width)
        self.attn = RopeAttention(width, heads)
        self.norm2 = nn.LayerNorm(width)
        self.mlp = Mlp(width, 4 * width)

    def forward(self, x):
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class TextDecoder(nn.Module):
    def __init__(self, tokens, latent_channels, width, depth, heads, vocabulary):
        super().__init__()
        self.latent_embed = nn.Linear(latent_channels, width)
        self.pos_embed = nn.Parameter(torch.randn(1, tokens, width) * 0.02)
        self.blocks = nn.ModuleList([TextDecoderBlock(width, heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(width)
        self.head = nn.Linear(width, vocabulary)

    def forward(self, z):
        x = self.latent_embed(z) + self.pos_embed
        for block in self.blocks:
            x = block(x)
        return self.head(self.norm(x))


PATH_SCALE = 1 - 1e-5  # 1 - sigma_min of FlowTok's path


class FlowTokFlow(nn.Module):
    """The trained part of FlowTok's text-to-image flow, with FlowLab's parameter names (dit.*, projector.*, alignment.*)."""

    def __init__(self, tokens, latent_channels, width, depth, heads, feature_width, projector_depth, projector_heads,
                 projector_hidden, target="mlp", loss="contrastive", mlp_ratio=4, alignment_hidden=512):
        super().__init__()
        self.dit = FlowTokDiT(tokens, latent_channels, width, depth, heads, mlp_ratio)
        self.projector = TextProjector(feature_width, projector_depth, projector_heads, projector_hidden, latent_channels)
        self.alignment = TextAlignment(feature_width, latent_channels, target, loss, hidden=alignment_hidden)

    def loss(self, features, image_tokens, noise, target_rows, is_null, t, kl_weight=0.01, alignment_weight=1.0,
             kl="reference"):
        """FlowTokObjective's loss on given draws: z_T = mu + exp(logvar / 2) noise; targets = image_tokens[target_rows];
        x_t = (1 - (1 - 1e-5) t) z_T + t targets; MSE(dit(x_t, t, is_null), targets - (1 - 1e-5) z_T)
        + kl_weight KL + alignment_weight L_align(z_T, features). Returns (total, flow, kl, align)."""
        mean, logvar = self.projector(features)
        z = mean + (0.5 * logvar).exp() * noise
        targets = image_tokens[target_rows]
        times = t.reshape(-1, 1, 1)
        xt = (1 - times * PATH_SCALE) * z + times * targets
        flow = (self.dit(xt, t, is_null) - (targets - z * PATH_SCALE)).square().mean()
        divergence = latent_kl(mean, logvar, kl)
        alignment = self.alignment(z, features)
        return flow + kl_weight * divergence + alignment_weight * alignment, flow, divergence, alignment


def sample_images(flow, decoder, features, noise, steps, scale, latent_scale=1.0):
    """FlowTokSampler.images: z_T from the projector (given noise), `steps` Euler steps on t = i / steps with the CFG
    indicator (v = v_null + s (v_cond - v_null), both halves as one forward pass of 2B; s = 1: the conditional half
    alone), then the tokenizer decoder on x / latent_scale. Images [B, S, S, C]."""
    mean, logvar = flow.projector(features)
    x = mean + (0.5 * logvar).exp() * noise
    count = x.shape[0]
    h = 1.0 / steps
    for index in range(steps):
        t = torch.full((count,), index * h)
        if scale == 1:
            velocity = flow.dit(x, t, torch.zeros(count))
        else:
            both = flow.dit(torch.cat([x, x]), torch.cat([t, t]), torch.cat([torch.zeros(count), torch.ones(count)]))
            conditional, null = both[:count], both[count:]
            velocity = null + scale * (conditional - null)
        x = x + velocity * h
    return decoder(x / latent_scale)
