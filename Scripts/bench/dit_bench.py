"""PyTorch eager CPU baseline for FlowBench's DiT benchmarks.

The model is Scripts/fixtures/dit_reference.py's DiT (facebookresearch/DiT's structure: patch embedding,
fixed sin-cos positions, timestep MLP, label embedding, adaLN-Zero blocks, final layer, unpatchify), in
float32 on channel-last images [B, H, W, C], the same sizes as FlowModels' DiT in FlowBench.

  training step: x_t, t, labels and the target velocity are fixed tensors; forward, loss = mean((v - target)²),
                 backward, AdamW.step(), zero_grad(set_to_none=True).
  sampling:      Euler from fixed noise over a uniform grid of --sampling-steps steps, under torch.inference_mode().

Two modes:
  python3 dit_bench.py --threads 2 --steps 5              # prints per-step milliseconds and a summary
  python3 dit_bench.py --threads 2 --serve                # FlowBench's interleaved protocol: prints "ready"
      once warmed up; for every stdin line "steps N" runs N training steps and prints their milliseconds on
      one line; for "sample N" runs N Euler samplings of one batch and prints their milliseconds; exits at
      end of input.
"""
import argparse
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "fixtures"))
from dit_reference import DiT, LabelEmbedder  # noqa: E402  (the parity fixture's reference model)


def make_benchmark(arguments):
    torch.manual_seed(0)
    model = DiT(arguments.image_size, arguments.patch, arguments.channels, arguments.width, arguments.depth,
                arguments.heads, LabelEmbedder(arguments.classes, arguments.width))
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=1e-2)
    shape = (arguments.batch, arguments.image_size, arguments.image_size, arguments.channels)
    xt, target, noise = torch.randn(shape), torch.randn(shape), torch.randn(shape)
    t = torch.rand(arguments.batch)
    labels = torch.randint(arguments.classes, (arguments.batch,))

    def step():
        start = time.perf_counter()
        loss = (model(xt, t, labels) - target).square().mean()
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return (time.perf_counter() - start) * 1e3

    def sample():
        start = time.perf_counter()
        steps = arguments.sampling_steps
        with torch.inference_mode():
            x = noise
            for index in range(steps):
                times = torch.full((arguments.batch,), index / steps)
                x = x + model(x, times, labels) * (1.0 / steps)
        return (time.perf_counter() - start) * 1e3

    return step, sample


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--image-size", type=int, default=32)
    parser.add_argument("--channels", type=int, default=3)
    parser.add_argument("--patch", type=int, default=4)
    parser.add_argument("--width", type=int, default=256)
    parser.add_argument("--depth", type=int, default=6)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--classes", type=int, default=16)
    parser.add_argument("--sampling-steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--serve", action="store_true")
    arguments = parser.parse_args()

    torch.set_num_threads(arguments.threads)
    step, sample = make_benchmark(arguments)
    for _ in range(arguments.warmup):
        step()
    sample()

    if arguments.serve:
        print("ready", flush=True)
        for line in sys.stdin:
            words = line.split()
            if len(words) != 2 or words[0] not in ("steps", "sample"):
                print(f"error: expected 'steps N' or 'sample N', got {line.strip()!r}", flush=True)
                continue
            run = step if words[0] == "steps" else sample
            print(" ".join(f"{run():.3f}" for _ in range(int(words[1]))), flush=True)
        return

    times = [step() for _ in range(arguments.steps)]
    sampling = sample()
    print(f"torch {torch.__version__}, {arguments.threads} threads: training step best {min(times):.1f} ms, "
          f"median {statistics.median(times):.1f} ms; sampling {arguments.batch} images in "
          f"{arguments.sampling_steps} Euler steps {sampling:.0f} ms ({arguments.batch / sampling * 1e3:.1f} images/s)")


if __name__ == "__main__":
    main()
