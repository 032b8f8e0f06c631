"""PyTorch eager CPU baseline for FlowBench's FlowTok benchmarks (the text-to-image training step and sampling).

The model is Scripts/reference/flowtok_model.py's FlowTokFlow (FlowTokDiT with the CFG indicator, TextProjector,
TextAlignment) and TokenizerDecoder, the definitions the parity fixtures check FlowModels' modules and FlowLab's
FlowTok objective against, in float32, at the sizes FlowBench passes (by default Experiments/flowtok.yaml,
`FlowTokBenchmarks.flowTok`). The frozen encoders' outputs are fixed inputs, as in training where they are frozen:
MiniLM token states [B, L, 384] and the tokenizer's image tokens [B, L, d].

  training step: the text states, image tokens and the step's draws (projector noise, CFG-indicator flags and
                 shifted target rows, logit-normal t) are fixed tensors; FlowTokFlow.loss (flow MSE + 0.01 KL +
                 contrastive alignment), backward, AdamW.step(), zero_grad(set_to_none=True).
  sampling:      sample_images: projector -> z_T, --sampling-steps Euler steps of the DiT with CFG-indicator scale
                 --scale (both halves as one forward pass of 2B), the tokenizer decoder to pixels; under
                 torch.inference_mode().

Two modes:
  python3 flowtok_bench.py --threads 2 --steps 5      # prints per-step milliseconds and a summary
  python3 flowtok_bench.py --threads 2 --serve        # FlowBench's protocol (served_benchmark.py)
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference"))
import served_benchmark  # noqa: E402  (this folder: the serving protocol)
from flowtok_model import FlowTokFlow, TokenizerDecoder, sample_images  # noqa: E402  (the parity fixtures' model)


def make_flow(arguments):
    """The FlowTokFlow of the arguments."""
    return FlowTokFlow(arguments.tokens, arguments.latent_channels, arguments.width, arguments.depth, arguments.heads,
                       arguments.feature_width, arguments.projector_depth, arguments.projector_heads,
                       arguments.projector_hidden, alignment_hidden=arguments.alignment_hidden)


def make_draws(batch, tokens, channels, cfg_probability):
    """One step's draws as FlowTokDraws.draw makes them: noise, CFG-indicator flags (a lone flag is cleared; flagged
    rows train towards the next flagged row's target), logit-normal(0, 1) t."""
    noise = torch.randn(batch, tokens, channels)
    flags = torch.rand(batch) < cfg_probability
    flagged = flags.nonzero().flatten().tolist()
    rows = list(range(batch))
    if len(flagged) == 1:
        flags[flagged[0]] = False
    elif len(flagged) > 1:
        for position, row in enumerate(flagged):
            rows[row] = flagged[(position + 1) % len(flagged)]
    t = torch.sigmoid(torch.randn(batch))
    return noise, torch.tensor(rows), flags.float(), t


def make_benchmark(arguments):
    torch.manual_seed(0)
    flow = make_flow(arguments)
    decoder = TokenizerDecoder(arguments.image_size, arguments.patch, 3, arguments.tokenizer_width,
                               arguments.tokenizer_depth, arguments.tokenizer_heads, arguments.tokens,
                               arguments.latent_channels)
    optimizer = torch.optim.AdamW(flow.parameters(), lr=arguments.learning_rate, weight_decay=arguments.weight_decay)
    batch, tokens, channels = arguments.batch, arguments.tokens, arguments.latent_channels
    features = torch.randn(batch, tokens, arguments.feature_width)
    image_tokens = torch.randn(batch, tokens, channels)
    noise, rows, is_null, t = make_draws(batch, tokens, channels, arguments.cfg_probability)
    sampling_noise = torch.randn(batch, tokens, channels)

    def step():
        start, cpu = time.perf_counter(), time.thread_time()
        loss = flow.loss(features, image_tokens, noise, rows, is_null, t, arguments.kl_weight, arguments.alignment_weight)[0]
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        return (time.perf_counter() - start) * 1e3, (time.thread_time() - cpu) * 1e3

    def sample(steps=arguments.sampling_steps):
        start, cpu = time.perf_counter(), time.thread_time()
        with torch.inference_mode():
            sample_images(flow, decoder, features, sampling_noise, steps, arguments.scale)
        return (time.perf_counter() - start) * 1e3, (time.thread_time() - cpu) * 1e3

    return step, sample


def add_model_arguments(parser):
    """The sizes of FlowTokBenchmarkSetting (defaults: Experiments/flowtok.yaml)."""
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--tokens", type=int, default=16)
    parser.add_argument("--latent-channels", type=int, default=16)
    parser.add_argument("--width", type=int, default=128)
    parser.add_argument("--depth", type=int, default=4)
    parser.add_argument("--heads", type=int, default=4)
    parser.add_argument("--feature-width", type=int, default=384)
    parser.add_argument("--projector-depth", type=int, default=2)
    parser.add_argument("--projector-heads", type=int, default=4)
    parser.add_argument("--projector-hidden", type=int, default=512)
    parser.add_argument("--alignment-hidden", type=int, default=512)
    parser.add_argument("--image-size", type=int, default=32)
    parser.add_argument("--patch", type=int, default=4)
    parser.add_argument("--tokenizer-width", type=int, default=128)
    parser.add_argument("--tokenizer-depth", type=int, default=4)
    parser.add_argument("--tokenizer-heads", type=int, default=4)
    parser.add_argument("--learning-rate", type=float, default=1e-3)
    parser.add_argument("--weight-decay", type=float, default=0)
    parser.add_argument("--kl-weight", type=float, default=0.01)
    parser.add_argument("--alignment-weight", type=float, default=1.0)
    parser.add_argument("--cfg-probability", type=float, default=0.1)
    parser.add_argument("--sampling-steps", type=int, default=20)
    parser.add_argument("--scale", type=float, default=2.0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    served_benchmark.add_common_arguments(parser)
    add_model_arguments(parser)
    arguments = parser.parse_args()
    step, sample = make_benchmark(arguments)
    served_benchmark.run(arguments, step, sample, lambda ms: (
        f"sampling {arguments.batch} images in {arguments.sampling_steps} steps {ms:.0f} ms "
        f"({arguments.batch / ms * 1e3:.1f} images/s)"))


if __name__ == "__main__":
    main()
