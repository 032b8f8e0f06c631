#!/usr/bin/env python3
"""Reference timing for FID on two 10,000 x 2,048 float32 feature sets: pytorch-fid's formula with scipy.

Writes (once, deterministically from the seed) `real.npy` and `fake.npy` into the output folder, times
`np.mean` + `np.cov(rowvar=False)` on float64 copies and pytorch-fid's `calculate_frechet_distance`
(scipy.linalg.sqrtm), and writes `scipy.json` with the value and the seconds. The Swift side,
`FrechetDistance.benchmark(directory:)`, reads the same files and prints its time next to these.

Usage (from the repository root): python3 Scripts/bench/fid_bench.py [--out .build/bench/fid]
"""
import argparse
import json
import os
import time

import numpy as np
import scipy
from scipy import linalg


def calculate_frechet_distance(mu1, sigma1, mu2, sigma2, eps=1e-6):
    """pytorch-fid 0.3.0 `calculate_frechet_distance`, copied so the bench does not need torch."""
    diff = mu1 - mu2
    covmean, _ = linalg.sqrtm(sigma1.dot(sigma2), disp=False)
    if not np.isfinite(covmean).all():
        offset = np.eye(sigma1.shape[0]) * eps
        covmean = linalg.sqrtm((sigma1 + offset).dot(sigma2 + offset))
    if np.iscomplexobj(covmean):
        if not np.allclose(np.diagonal(covmean).imag, 0, atol=1e-3):
            raise ValueError("Imaginary component {}".format(np.max(np.abs(covmean.imag))))
        covmean = covmean.real
    return diff.dot(diff) + np.trace(sigma1) + np.trace(sigma2) - 2 * np.trace(covmean)


def make_features(rng, loadings, rows, columns, shift):
    """Inception-like features: non-negative, correlated through a low-rank factor plus noise, full rank."""
    latent = rng.standard_normal((rows, loadings.shape[0]), dtype=np.float32)
    noise = rng.standard_normal((rows, columns), dtype=np.float32) * 0.3
    return np.ascontiguousarray(np.maximum(latent @ loadings + noise + shift, 0), dtype="<f4")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=os.path.join(".build", "bench", "fid"))
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--columns", type=int, default=2048)
    parser.add_argument("--seed", type=int, default=20240611)
    arguments = parser.parse_args()
    os.makedirs(arguments.out, exist_ok=True)
    real_path = os.path.join(arguments.out, "real.npy")
    fake_path = os.path.join(arguments.out, "fake.npy")
    expected_shape = (arguments.rows, arguments.columns)
    if not (os.path.exists(real_path) and np.load(real_path, mmap_mode="r").shape == expected_shape
            and os.path.exists(fake_path)):
        rng = np.random.default_rng(arguments.seed)
        loadings = rng.standard_normal((256, arguments.columns), dtype=np.float32) / 16
        np.save(real_path, make_features(rng, loadings, arguments.rows, arguments.columns, 0.2))
        np.save(fake_path, make_features(rng, 1.1 * loadings, arguments.rows, arguments.columns, 0.25))

    real = np.load(real_path).astype(np.float64)
    fake = np.load(fake_path).astype(np.float64)
    start = time.perf_counter()
    mu1, sigma1 = real.mean(axis=0), np.cov(real, rowvar=False)
    mu2, sigma2 = fake.mean(axis=0), np.cov(fake, rowvar=False)
    statistics_seconds = time.perf_counter() - start
    start = time.perf_counter()
    fid = float(calculate_frechet_distance(mu1, sigma1, mu2, sigma2))
    distance_seconds = time.perf_counter() - start
    result = {
        "fid": fid, "rows": arguments.rows, "columns": arguments.columns,
        "statistics_seconds": statistics_seconds, "distance_seconds": distance_seconds,
        "total_seconds": statistics_seconds + distance_seconds,
        "tool": "pytorch-fid formula, numpy %s, scipy %s sqrtm" % (np.__version__, scipy.__version__),
        "cpu_count": os.cpu_count(),
    }
    with open(os.path.join(arguments.out, "scipy.json"), "w") as handle:
        json.dump(result, handle, indent=1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
