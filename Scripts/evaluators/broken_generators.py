"""Writes two deliberately broken "generators" from a rendered shapes file, for the evaluator table in README.

colour-swapped: the R and B channels exchanged (a red circle becomes blue-ish; shapes, sizes, cells kept);
blurred: a 3 x 3 box blur (edges clamped). Both keep the captions and /objects of the source, so
`flowlab eval images --scenes` and `flowlab eval pairs` score them against what they should show.

    python3 Scripts/evaluators/broken_generators.py Data/shapes-val.h5 /tmp/broken
    # writes /tmp/broken/colour-swapped.h5 and /tmp/broken/blurred.h5
"""
import os
import sys

import h5py
import numpy as np


def copy_with_images(source, target, images):
    with h5py.File(source, "r") as src, h5py.File(target, "w") as dst:
        for key, value in src.attrs.items():
            dst.attrs[key] = value
        for name in src:
            if name != "images":
                src.copy(name, dst)
        dst.create_dataset("images", data=images)


def box_blur(images):
    padded = np.pad(images.astype(np.int32), ((0, 0), (1, 1), (1, 1), (0, 0)), mode="edge")
    size = images.shape[1]
    total = sum(padded[:, dy:dy + size, dx:dx + size] for dy in range(3) for dx in range(3))
    return (total // 9).astype(np.uint8)


def main():
    source, folder = sys.argv[1], sys.argv[2]
    os.makedirs(folder, exist_ok=True)
    with h5py.File(source, "r") as src:
        images = src["images"][...]
    copy_with_images(source, os.path.join(folder, "colour-swapped.h5"), images[..., ::-1].copy())
    copy_with_images(source, os.path.join(folder, "blurred.h5"), box_blur(images))


if __name__ == "__main__":
    main()
