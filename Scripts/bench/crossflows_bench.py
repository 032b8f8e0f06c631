"""PyTorch eager CPU baseline for FlowBench's CrossFlows benchmarks (the joint training step and joint sampling).

The model is Scripts/reference/crossflows_model.py's CrossFlows, the definition the parity fixture checks FlowModels'
CrossFlowsModel against (an SD3 MM-DiT image flow reading the current caption state, and a caption flow with self- and
cross-attention to its own patch encoding of the current image), in float32, at the sizes FlowBench passes (by
default the model of Experiments/crossflows-small.yaml at 32 px, `CrossFlowsBenchmarks.shapesJoint`).

  training step: the noisy images I_t, the caption states C_t (word and mask ids), the times t, the image velocity
                 target and the clean caption tokens are fixed tensors; forward, loss = mean((v - target)^2) +
                 cross-entropy(logits, clean tokens), backward, AdamW.step(), zero_grad(set_to_none=True).
  sampling:      unconditional pairs by CrossFlows' joint Euler solver (Algorithm 1 without guidance): images from
                 fixed noise, captions from all-mask; --sampling-steps steps on t = i / steps, each one forward of
                 both flows on the current (I_t, C_t); the image takes an Euler step, every caption token draws
                 x_1 ~ softmax(logits) and jumps to it with probability 1 - exp(-h / (1 - t)) (the linear mixture path's
                 rate) unless x_1 is its current token; the last step sets C = x_1. Under torch.inference_mode().

Two modes:
  python3 crossflows_bench.py --threads 2 --steps 5      # prints per-step milliseconds and a summary
  python3 crossflows_bench.py --threads 2 --serve        # FlowBench's protocol (as dit_bench.py): prints "ready";
      for each stdin line "steps N" / "sample N" runs N of them and prints "wall/cpu" milliseconds per run.
"""
import argparse
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
import served_benchmark  # noqa: E402  (this folder: the serving protocol)
from crossflows_model import CrossFlows  # noqa: E402  (the parity fixture's model)


def make_benchmark(arguments):
    torch.manual_seed(0)
    vocabulary = arguments.words + 1  # the words and the mask token
    model = CrossFlows(arguments.image_size, arguments.patch, arguments.channels, arguments.width, arguments.depth,
                       arguments.heads, vocabulary, arguments.caption_length, arguments.caption_width,
                       arguments.caption_depth, arguments.caption_heads, arguments.encoder_patch)
    optimizer = torch.optim.AdamW(model.parameters(), lr=arguments.learning_rate, weight_decay=arguments.weight_decay)
    batch, length = arguments.batch, arguments.caption_length
    shape = (batch, arguments.image_size, arguments.image_size, arguments.channels)
    xt, target, noise = torch.randn(shape), torch.randn(shape), torch.randn(shape)
    t = torch.rand(batch)
    ct = torch.randint(vocabulary, (batch, length))
    c1 = torch.randint(arguments.words, (batch, length))
    kept = torch.zeros(batch, dtype=torch.bool)
    mask = torch.full((batch, length), arguments.words)

    def step():
        start, cpu = time.perf_counter(), time.thread_time()
        velocity, logits = model(xt, ct, t, kept)
        loss = (velocity - target).square().mean() + F.cross_entropy(logits.reshape(-1, vocabulary), c1.reshape(-1))
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return (time.perf_counter() - start) * 1e3, (time.thread_time() - cpu) * 1e3

    def sample(steps=arguments.sampling_steps):
        start, cpu = time.perf_counter(), time.thread_time()
        with torch.inference_mode():
            images, captions = noise, mask
            h = 1.0 / steps
            for index in range(steps):
                now = index * h
                velocity, logits = model(images, captions, torch.full((batch,), now), kept)
                images = images + velocity * h
                x1 = torch.multinomial(F.softmax(logits.reshape(-1, vocabulary).double(), dim=-1), 1).reshape(batch, length)
                if index == steps - 1:
                    captions = x1
                else:
                    jump = torch.rand(batch, length, dtype=torch.float64) < 1 - math.exp(-h / (1 - now))
                    captions = torch.where(jump & (x1 != captions), x1, captions)
        return (time.perf_counter() - start) * 1e3, (time.thread_time() - cpu) * 1e3

    return step, sample


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    served_benchmark.add_common_arguments(parser)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--image-size", type=int, default=32)
    parser.add_argument("--channels", type=int, default=3)
    parser.add_argument("--patch", type=int, default=4)
    parser.add_argument("--width", type=int, default=96)
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--words", type=int, default=39, help="caption words; the mask token is one more")
    parser.add_argument("--caption-length", type=int, default=16)
    parser.add_argument("--caption-width", type=int, default=64)
    parser.add_argument("--caption-depth", type=int, default=2)
    parser.add_argument("--caption-heads", type=int, default=4)
    parser.add_argument("--encoder-patch", type=int, default=4)
    parser.add_argument("--learning-rate", type=float, default=2e-3)
    parser.add_argument("--weight-decay", type=float, default=0)
    parser.add_argument("--sampling-steps", type=int, default=20)
    arguments = parser.parse_args()

    step, sample = make_benchmark(arguments)
    served_benchmark.run(arguments, step, sample, lambda ms: (
        f"sampling {arguments.batch} pairs in {arguments.sampling_steps} joint steps "
        f"{ms:.0f} ms ({arguments.batch / ms * 1e3:.1f} pairs/s)"))

if __name__ == "__main__":
    main()
