"""Times the nearest PIL equivalent of FlowLab's shapes renderer, for `make bench`.

Draws COUNT images of SIZE px, each a dark background with one or two filled shapes (circle, square,
triangle, diamond) drawn with ImageDraw at 4x and reduced with Image.reduce(4) (box filter): the same
4 x 4 supersampled coverage FlowLab computes. Prints the images per second (one thread, as PIL draws).

usage: python3 pil_shapes_render.py SIZE COUNT OBJECTS
"""
import random
import sys
import time

from PIL import Image, ImageDraw


def render(size, objects, rng):
    scale = 4
    big = size * scale
    tone = 30 + 6 * rng.randrange(8)
    image = Image.new("RGB", (big, big), (tone, tone, tone + 8))
    draw = ImageDraw.Draw(image)
    cells = rng.sample(range(9), objects)
    cell_side = big / 3
    for cell in cells:
        cx = (cell % 3 + 0.5) * cell_side
        cy = (cell // 3 + 0.5) * cell_side
        r = (0.26 if rng.random() < 0.5 else 0.40) * cell_side
        color = rng.choice([(228, 38, 38), (40, 186, 64), (48, 102, 245), (246, 222, 36), (164, 64, 214), (250, 136, 24)])
        shape = rng.randrange(4)
        if shape == 0:
            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=color)
        elif shape == 1:
            h = 0.84 * r
            draw.rectangle([cx - h, cy - h, cx + h, cy + h], fill=color)
        elif shape == 2:
            draw.polygon([(cx, cy - 1.08 * r), (cx + 1.05 * r, cy + 0.8 * r), (cx - 1.05 * r, cy + 0.8 * r)], fill=color)
        else:
            d = 1.06 * r
            draw.polygon([(cx, cy - d), (cx + d, cy), (cx, cy + d), (cx - d, cy)], fill=color)
    return image.reduce(scale).tobytes()


def main():
    size, count, objects = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(0)
    for _ in range(20):
        render(size, objects, rng)
    start = time.perf_counter()
    for _ in range(count):
        render(size, objects, rng)
    elapsed = time.perf_counter() - start
    print(f"{count / elapsed:.1f}")


if __name__ == "__main__":
    main()
