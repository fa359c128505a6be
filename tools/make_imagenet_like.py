#!/usr/bin/python3
"""An ImageNet-like folder of generated images, for trying ImageNet-size models at scale.

Usage: tools/make_imagenet_like.py OUT_DIR [--images N] [--classes K] [--size S]
                                           [--separable] [--seed SEED]

Writes N (default 1000) JPEGs of S x S pixels (default 256, i.e. larger than the 224 crop)
spread over K (default 10) folders named like ImageNet synsets (n00000000, n00000001, ...),
plus OUT_DIR/labels.txt mapping each folder to an output index of a 1000-class model
("n00000003 3"). The folder names and indices do not depend on --seed or --separable, so a
training split and an eval split made with two seeds share one labels.txt.

By default the images are smooth random colour fields (fixed seed): what matters there is
the volume, not the content, and the class folders say nothing about it.

--separable gives each class its own statistics so that a classifier can learn them (see
separable_image): a class hue and a class stripe orientation, with per-image jitter, a random
stripe period and phase, and the smooth random colour field of the default mode as noise.

--seed SEED draws the image content from SEED (the default continues the label stream of
seed 1234, i.e. the images of earlier versions of this script). Not committed: make it where
you need it.
"""

import argparse
import colorsys
import os

import numpy
from PIL import Image


def random_field(rng, size):
    """A smooth random colour field: 8 x 8 random colours, bilinearly upsampled (uint8)."""
    coarse = rng.integers(0, 256, size=(8, 8, 3), dtype=numpy.uint8)
    return numpy.asarray(Image.fromarray(coarse).resize((size, size), Image.BILINEAR))


def separable_image(rng, label, classes, size):
    """Class `label`'s image: oriented stripes in the class hue over a random colour field.

    Class c has hue c / K and stripe angle c · pi / K (so neighbouring classes differ in both).
    Per image: hue jitter ±0.35 / K, angle jitter ±0.35 · pi / K, stripe period 12-40 pixels,
    random phase, saturation and contrast, and 45 % of the random field mixed in. The jitter
    is wide enough that neighbouring classes overlap a little: a classifier gets most, not
    all, of them right.
    """
    hue = (label + rng.uniform(-0.35, 0.35)) / classes % 1.0
    angle = (label + rng.uniform(-0.35, 0.35)) * numpy.pi / classes
    period = rng.uniform(12.0, 40.0)
    phase = rng.uniform(0.0, 2.0 * numpy.pi)
    saturation = rng.uniform(0.5, 1.0)
    contrast = rng.uniform(0.3, 0.7)
    y, x = numpy.mgrid[0:size, 0:size].astype(numpy.float64)
    along = x * numpy.cos(angle) + y * numpy.sin(angle)
    stripes = 0.5 + 0.5 * contrast * numpy.sin(2.0 * numpy.pi * along / period + phase)
    colour = numpy.array(colorsys.hsv_to_rgb(hue, saturation, 1.0))
    pattern = stripes[..., None] * colour[None, None, :] * 255.0
    image = 0.55 * pattern + 0.45 * random_field(rng, size).astype(numpy.float64)
    return Image.fromarray(numpy.clip(image + 0.5, 0, 255).astype(numpy.uint8))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir")
    parser.add_argument("--images", type=int, default=1000)
    parser.add_argument("--classes", type=int, default=10)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--separable", action="store_true",
                        help="class-dependent content (class hue and stripe orientation)")
    parser.add_argument("--seed", type=int, default=None,
                        help="seed of the image content (default: continue seed 1234)")
    args = parser.parse_args()
    rng = numpy.random.default_rng(1234)
    # A 1000-class model's indices for our folders: spread over the range, not 0..K-1.
    indices = sorted(rng.choice(1000, size=args.classes, replace=False).tolist())
    names = [f"n{index:08d}" for index in indices]
    if args.seed is not None:
        rng = numpy.random.default_rng(args.seed)
    os.makedirs(args.out_dir, exist_ok=True)
    with open(os.path.join(args.out_dir, "labels.txt"), "w") as labels:
        for name, index in zip(names, indices):
            labels.write(f"{name} {index}\n")
    for i in range(args.images):
        label = i % args.classes
        folder = os.path.join(args.out_dir, names[label])
        os.makedirs(folder, exist_ok=True)
        if args.separable:
            image = separable_image(rng, label, args.classes, args.size)
        else:
            image = Image.fromarray(random_field(rng, args.size))
        image.save(os.path.join(folder, f"img_{i:05d}.jpg"), quality=90)
    kind = "separable classes" if args.separable else "random colour fields"
    print(f"{args.out_dir}: {args.images} images ({kind}) in {args.classes} folders, labels.txt")


if __name__ == "__main__":
    main()
