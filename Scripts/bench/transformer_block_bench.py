"""PyTorch eager CPU baseline for FlowBench's transformer training step.

The block matches FlowNN's `TransformerBlock` (timm's pre-LN `Block`): x + proj(attn(norm1(x))), then
x + fc2(gelu_tanh(fc1(norm2(x)))), with a fused qkv projection, 6 heads and F.scaled_dot_product_attention.
One step is forward, loss = mean(y²), backward, AdamW.step(), zero_grad(set_to_none=True).

Two modes:
  python3 transformer_block_bench.py --threads 2 --steps 10      # prints per-step milliseconds and a summary
  python3 transformer_block_bench.py --threads 2 --serve         # FlowBench's interleaved protocol:
      prints "ready" once warmed up; for every stdin line "steps N" runs N steps and prints their
      milliseconds on one line, space separated; exits at end of input.
"""
import argparse
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class Block(nn.Module):
    def __init__(self, width, heads, mlp_ratio=4):
        super().__init__()
        self.heads = heads
        self.norm1 = nn.LayerNorm(width)
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(width, width)
        self.norm2 = nn.LayerNorm(width)
        self.fc1 = nn.Linear(width, mlp_ratio * width)
        self.fc2 = nn.Linear(mlp_ratio * width, width)

    def forward(self, x):
        batch, tokens, width = x.shape
        qkv = self.qkv(self.norm1(x)).reshape(batch, tokens, 3, self.heads, width // self.heads)
        q, k, v = qkv.permute(2, 0, 3, 1, 4).unbind(0)
        attended = F.scaled_dot_product_attention(q, k, v)
        x = x + self.proj(attended.transpose(1, 2).reshape(batch, tokens, width))
        return x + self.fc2(F.gelu(self.fc1(self.norm2(x)), approximate="tanh"))


def make_step(batch, tokens, width, heads):
    torch.manual_seed(0)
    block = Block(width, heads)
    optimizer = torch.optim.AdamW(block.parameters(), lr=1e-4, weight_decay=1e-2)
    x = torch.randn(batch, tokens, width)

    def step():
        start = time.perf_counter()
        loss = block(x).square().mean()
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return (time.perf_counter() - start) * 1e3

    return step


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--tokens", type=int, default=77)
    parser.add_argument("--width", type=int, default=384)
    parser.add_argument("--heads", type=int, default=6)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--serve", action="store_true")
    arguments = parser.parse_args()

    torch.set_num_threads(arguments.threads)
    step = make_step(arguments.batch, arguments.tokens, arguments.width, arguments.heads)
    for _ in range(arguments.warmup):
        step()

    if arguments.serve:
        print("ready", flush=True)
        for line in sys.stdin:
            words = line.split()
            if len(words) != 2 or words[0] != "steps":
                print(f"error: expected 'steps N', got {line.strip()!r}", flush=True)
                continue
            print(" ".join(f"{step():.3f}" for _ in range(int(words[1]))), flush=True)
        return

    times = [step() for _ in range(arguments.steps)]
    print(" ".join(f"{t:.3f}" for t in times))
    print(f"torch {torch.__version__}, {arguments.threads} threads: best {min(times):.1f} ms, "
          f"median {statistics.median(times):.1f} ms per step")


if __name__ == "__main__":
    main()
