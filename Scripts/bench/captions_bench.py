#!/usr/bin/env python3
"""Caption-metric benchmark inputs and the pycocoevalcap reference timing.

Writes a deterministic synthetic COCO-style pair (5,000 images x 5 references by default,
lower-case words without punctuation, i.e. already tokenized) and, when pycocoevalcap is
installed, times its Bleu(4) and Cider() on exactly those strings (no tokenizer).
Prints one JSON object: file paths, image/reference counts, seconds and the scores.

Usage: python3 Scripts/bench/captions_bench.py [output_dir] [--images N] [--references K]
"""
import argparse
import json
import os
import random
import time

WORDS = ("a an the man woman dog cat bus train plate pizza table street field grass snow water beach "
         "red blue green white black small large young old two three people group sitting standing "
         "riding holding eating walking playing looking next to on in with of near front top side "
         "bike skateboard surfboard frisbee kite umbrella clock tower sign bench giraffe zebra horse "
         "elephant bird sheep cow kitchen room bed couch laptop phone window door building car truck").split()


def sentence(r):
    return " ".join(r.choice(WORDS) for _ in range(r.randint(6, 14)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output_dir", nargs="?", default="/tmp/flowlab-captions-bench")
    parser.add_argument("--images", type=int, default=5000)
    parser.add_argument("--references", type=int, default=5)
    args = parser.parse_args()
    os.makedirs(args.output_dir, exist_ok=True)
    r = random.Random(1234)
    candidates, annotations, gts, res = [], [], {}, {}
    for image_id in range(args.images):
        refs = [sentence(r) for _ in range(args.references)]
        hypothesis = sentence(r) if r.random() < 0.5 else " ".join(refs[0].split()[: r.randint(3, 10)])
        candidates.append({"image_id": image_id, "caption": hypothesis})
        for caption in refs:
            annotations.append({"image_id": image_id, "id": len(annotations), "caption": caption})
        gts[image_id], res[image_id] = refs, [hypothesis]
    candidates_path = os.path.join(args.output_dir, "candidates.json")
    references_path = os.path.join(args.output_dir, "references.json")
    with open(candidates_path, "w") as f:
        json.dump(candidates, f)
    with open(references_path, "w") as f:
        json.dump({"annotations": annotations}, f)
    report = {"candidates": candidates_path, "references": references_path,
              "images": args.images, "references_per_image": args.references}
    try:
        from pycocoevalcap.bleu.bleu import Bleu
        from pycocoevalcap.cider.cider import Cider
    except ImportError:
        report["pycocoevalcap"] = "not installed"
    else:
        start = time.perf_counter()
        bleu, _ = Bleu(4).compute_score(gts, res, verbose=0)
        report["pycocoevalcap_bleu_seconds"] = time.perf_counter() - start
        start = time.perf_counter()
        cider, _ = Cider().compute_score(gts, res)
        report["pycocoevalcap_cider_seconds"] = time.perf_counter() - start
        report["Bleu_4"], report["CIDEr"] = bleu[3], float(cider)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
