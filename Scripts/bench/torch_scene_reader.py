"""PyTorch eager baseline for FlowLab's scene reader feature extraction (images/s), for `make bench`.

The same network as `SceneReader` at its default sizes (per-cell inputs: the 12 x 12 window's pixels,
its foreground map and a one-hot cell id; Linear 585 -> 256 -> 256 -> 32 with GELU-tanh), on the same
number of uint8 32 px images, input preparation included. Weights are random: the cost does not depend
on them. Prints the best images/s of 3 passes.

    python3 Scripts/bench/torch_scene_reader.py COUNT THREADS
"""
import sys
import time

import torch


def main():
    count, threads = int(sys.argv[1]), int(sys.argv[2])
    torch.set_num_threads(threads)
    size, window = 32, (32 + 2) // 3 + 1
    origins = [min(i * size // 3, size - window) for i in range(3)]
    generator = torch.Generator().manual_seed(0)
    images = torch.randint(0, 256, (count, size, size, 3), dtype=torch.uint8, generator=generator)
    width = window * window * 4 + 9
    network = torch.nn.Sequential(
        torch.nn.Linear(width, 256), torch.nn.GELU(approximate="tanh"),
        torch.nn.Linear(256, 256), torch.nn.GELU(approximate="tanh"),
        torch.nn.Linear(256, 32), torch.nn.GELU(approximate="tanh"))
    eye = torch.eye(9)

    def features(batch):
        pixels = batch.float()
        background = pixels[:, :1, :1, :]
        cells = []
        for cell in range(9):
            top, left = origins[cell // 3], origins[cell % 3]
            crop = pixels[:, top:top + window, left:left + window, :]
            distance = (crop - background).abs().amax(dim=3)
            distance = distance / distance.flatten(1).amax(dim=1).clamp(min=1).view(-1, 1, 1)
            cells.append(torch.cat([(crop / 127.5 - 1).flatten(1), distance.flatten(1),
                                    eye[cell].expand(batch.shape[0], 9)], dim=1))
        inputs = torch.stack(cells, dim=1).reshape(-1, width)
        return network(inputs).reshape(batch.shape[0], -1)

    best = float("inf")
    with torch.no_grad():
        for _ in range(3):
            start = time.perf_counter()
            for first in range(0, count, 512):
                features(images[first:first + 512])
            best = min(best, time.perf_counter() - start)
    print(count / best)


if __name__ == "__main__":
    main()
