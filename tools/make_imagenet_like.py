#!/usr/bin/python3
"""An ImageNet-like folder of generated images, for trying ImageNet-size models at scale.

Usage: tools/make_imagenet_like.py OUT_DIR [--images N] [--classes K] [--size S]

Writes N (default 1000) JPEGs of S x S pixels (default 256, i.e. larger than the 224 crop)
spread over K (default 10) folders named like ImageNet synsets (n00000000, n00000001, ...),
plus OUT_DIR/labels.txt mapping each folder to an output index of a 1000-class model
("n00000003 3"). The images are smooth random colour fields (fixed seed): what matters here
is the volume, not the content. Not committed: make it where you need it.
"""

import argparse
import os

import numpy
from PIL import Image


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--size", type=int, default=256)
    args = parser.parse_args()
    rng = numpy.random.default_rng(1234)
    # A 1000-class model's indices for our folders: spread over the range, not 0..K-1.
    indices = sorted(rng.choice(1000, size=args.classes, replace=False).tolist())
    names = [f"n{index:08d}" for index in indices]
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "labels.txt"), "w") as labels:
        for name, index in zip(names, indices):
            labels.write(f"{name} {index}\n")
    for i in range(args.images):
        folder = os.path.join(args.out_dir, names[i % args.classes])
        os.makedirs(folder, exist_ok=True)
        coarse = rng.integers(0, 256, size=(8, 8, 3), dtype=numpy.uint8)
        image = Image.fromarray(coarse).resize((args.size, args.size), Image.BILINEAR)
        image.save(os.path.join(folder, f"img_{i:05d}.jpg"), quality=90)
    print(f"{args.out_dir}: {args.images} images in {args.classes} folders, labels.txt")


if __name__ == "__main__":
    main()
