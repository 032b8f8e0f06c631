#!/usr/bin/env python3
"""Image decode + resize benchmark inputs and the Pillow reference timing.

Writes a deterministic set of COCO-like JPEG photos (640x480, 4:2:0, quality 90, smooth shapes plus
noise) and a COCO-style captions JSON for them; optionally lists the first clip-art PNGs of a
folder (openclipart-png). Then times Pillow, single-threaded, on exactly those files doing what
`flowlab data import` does per image: decode, RGB (alpha composited on white), centre crop to a
square, `resize((S, S), Image.BICUBIC)`. Prints one JSON object: list files, counts, best seconds
of `--repeats` passes and a pixel checksum per set.

Usage: python3 Scripts/bench/images_bench.py OUTPUT_DIR [--count 200] [--size 64] [--repeats 3]
                                             [--clipart /usr/share/openclipart/png --clipart-count 300]
"""
import argparse
import json
import os
import time

import numpy as np
import PIL
from PIL import Image


def make_photos(folder, count, seed=4321):
    os.makedirs(folder, exist_ok=True)
    rng = np.random.default_rng(seed)
    y, x = np.mgrid[0:480, 0:640].astype(np.float32)
    names = []
    for index in range(count):
        name = f"photo_{index:05d}.jpg"
        names.append(name)
        path = os.path.join(folder, name)
        if os.path.exists(path):
            continue
        planes = []
        for channel in range(3):
            cx, cy, r = rng.uniform(0, 640), rng.uniform(0, 480), rng.uniform(60, 220)
            base = rng.uniform(40, 200) + 50 * np.sin(x / rng.uniform(20, 90) + channel) * np.cos(y / rng.uniform(20, 90))
            base += 60 * ((x - cx) ** 2 + (y - cy) ** 2 < r * r)
            planes.append(base + rng.normal(0, 10, size=(480, 640)))
        image = np.clip(np.stack(planes, axis=-1), 0, 255).astype(np.uint8)
        Image.fromarray(image).save(path, quality=90)
    return names


def prepare(path, size):
    image = Image.open(path)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, (255, 255, 255))
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    else:
        image = image.convert("RGB")
    side = min(image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    image = image.crop((left, top, left + side, top + side))
    return np.asarray(image.resize((size, size), Image.BICUBIC))


def time_pillow(paths, size, repeats):
    best, checksum = float("inf"), 0
    for _ in range(repeats):
        start = time.perf_counter()
        total = 0
        for path in paths:
            total += int(prepare(path, size).sum(dtype=np.int64))
        best = min(best, time.perf_counter() - start)
        checksum = total
    return best, checksum


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output_dir")
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--clipart", default="")
    parser.add_argument("--clipart-count", type=int, default=300)
    args = parser.parse_args()
    photos = os.path.join(args.output_dir, "photos")
    names = make_photos(photos, args.count)
    captions = os.path.join(args.output_dir, "captions.json")
    with open(captions, "w") as handle:
        json.dump({"images": [{"id": i, "file_name": n} for i, n in enumerate(names)],
                   "annotations": [{"image_id": i, "caption": f"photo number {i} with a round shape"} for i in range(len(names))]},
                  handle)
    report = {"pillow": PIL.__version__, "size": args.size, "photos_folder": photos, "captions": captions}
    sets = {"jpeg": [os.path.join(photos, n) for n in names]}
    if args.clipart and os.path.isdir(args.clipart):
        files = []
        for folder, _, entries in sorted(os.walk(args.clipart)):
            for entry in sorted(entries):
                path = os.path.join(folder, entry)
                if entry.lower().endswith(".png") and not os.path.islink(path):
                    files.append(path)
        sets["clipart"] = sorted(files)[: args.clipart_count]
    for name, paths in sets.items():
        listing = os.path.join(args.output_dir, f"{name}_files.txt")
        with open(listing, "w") as handle:
            handle.write("\n".join(paths) + "\n")
        seconds, checksum = time_pillow(paths, args.size, args.repeats)
        report[name] = {"list": listing, "count": len(paths), "pillow_seconds": seconds, "checksum": checksum}
    print(json.dumps(report))


if __name__ == "__main__":
    main()
