"""PyTorch eager CPU baseline for FlowBench's DiT benchmarks.

The model is Scripts/reference/dit_model.py's DiT, the definition the parity fixture checks FlowModels' DiT
against (facebookresearch/DiT's structure: patch embedding, fixed sin-cos positions, timestep MLP, label or
caption embedding, adaLN-Zero blocks, optional PixArt cross-attention to the caption tokens, final layer,
unpatchify), in float32 on channel-last images [B, H, W, C], at the sizes FlowBench passes (by default the
model of Experiments/shapes-t2i.yaml, `DiTBenchmarks.shapesTextToImage`).

  training step: x_t, t, the condition (random caption token ids or labels) and the target velocity are fixed
                 tensors; forward, loss = mean((v - target)²), backward, AdamW.step(), zero_grad(set_to_none=True).
  sampling:      --sampling-steps Euler steps from fixed noise over the uniform grid t = i / steps, under
                 torch.inference_mode(), with classifier-free guidance: each step evaluates the conditional and
                 the null-condition batch together as one forward pass on 2B images and combines
                 v = v_null + w (v_cond - v_null), w = --guidance-scale (1: the conditional batch alone).

Two modes:
  python3 dit_bench.py --threads 2 --steps 5              # prints per-step milliseconds and a summary
  python3 dit_bench.py --threads 2 --serve                # FlowBench's interleaved protocol: prints "ready"
      once warmed up; for every stdin line "steps N" runs N training steps and prints their milliseconds on
      one line; for "sample N" runs N guided samplings of one batch and prints their milliseconds; each run is
      written "wall/cpu": wall-clock and this thread's CPU milliseconds (time.thread_time; with one thread,
      PyTorch's work runs on it). Exits at end of input.
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
import served_benchmark  # noqa: E402  (this folder: the serving protocol)
from dit_model import DiT, CaptionEmbedder, LabelEmbedder  # noqa: E402  (the parity fixture's model)


def make_model(arguments):
    """The DiT of the arguments and a function giving the condition tensor of a batch (and its null condition)."""
    if arguments.conditioning == "captions":
        embedder = CaptionEmbedder(arguments.vocabulary, arguments.caption_length, arguments.width)
        condition = torch.randint(arguments.vocabulary, (arguments.batch, arguments.caption_length))
        null = torch.full_like(condition, arguments.vocabulary)  # all padding: the dropped caption
    else:
        embedder = LabelEmbedder(arguments.classes, arguments.width)
        condition = torch.randint(arguments.classes, (arguments.batch,))
        null = torch.full_like(condition, arguments.classes)  # the null label
    model = DiT(arguments.image_size, arguments.patch, arguments.channels, arguments.width, arguments.depth,
                arguments.heads, embedder, cross_attention=arguments.cross_attention, mlp_ratio=arguments.mlp_ratio)
    return model, condition, null


def make_benchmark(arguments):
    torch.manual_seed(0)
    model, condition, null = make_model(arguments)
    optimizer = torch.optim.AdamW(model.parameters(), lr=arguments.learning_rate, weight_decay=arguments.weight_decay)
    shape = (arguments.batch, arguments.image_size, arguments.image_size, arguments.channels)
    xt, target, noise = torch.randn(shape), torch.randn(shape), torch.randn(shape)
    t = torch.rand(arguments.batch)
    guided = arguments.guidance_scale != 1
    both = torch.cat([condition, null]) if guided else condition
    scale = arguments.guidance_scale

    def step():
        start, cpu = time.perf_counter(), time.thread_time()
        loss = (model(xt, t, condition) - target).square().mean()
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return (time.perf_counter() - start) * 1e3, (time.thread_time() - cpu) * 1e3

    def sample(steps=arguments.sampling_steps):
        start, cpu = time.perf_counter(), time.thread_time()
        with torch.inference_mode():
            x = noise
            for index in range(steps):
                if guided:
                    times = torch.full((2 * arguments.batch,), index / steps)
                    conditional, unconditional = model(torch.cat([x, x]), times, both).chunk(2)
                    velocity = unconditional + (conditional - unconditional) * scale
                else:
                    velocity = model(x, torch.full((arguments.batch,), index / steps), both)
                x = x + velocity * (1.0 / steps)
        return (time.perf_counter() - start) * 1e3, (time.thread_time() - cpu) * 1e3

    return step, sample


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    served_benchmark.add_common_arguments(parser)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--image-size", type=int, default=32)
    parser.add_argument("--channels", type=int, default=3)
    parser.add_argument("--patch", type=int, default=4)
    parser.add_argument("--width", type=int, default=128)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--mlp-ratio", type=float, default=4)
    parser.add_argument("--conditioning", choices=["captions", "labels"], default="captions")
    parser.add_argument("--vocabulary", type=int, default=40, help="caption tokens (padding is one more)")
    parser.add_argument("--caption-length", type=int, default=16)
    parser.add_argument("--cross-attention", action="store_true")
    parser.add_argument("--classes", type=int, default=16)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=0)
    parser.add_argument("--sampling-steps", type=int, default=50)
    parser.add_argument("--guidance-scale", type=float, default=3)
    arguments = parser.parse_args()

    step, sample = make_benchmark(arguments)
    served_benchmark.run(arguments, step, sample, lambda ms: (
        f"sampling {arguments.batch} images in {arguments.sampling_steps} guided Euler steps "
        f"{ms:.0f} ms ({arguments.batch / ms * 1e3:.1f} images/s)"))

if __name__ == "__main__":
    main()
