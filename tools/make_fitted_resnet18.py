#!/usr/bin/python3
"""A torchvision ResNet-18 that makes meaningful predictions without downloaded weights.

Usage: tools/make_fitted_resnet18.py TRAIN_DIR OUT_DIR [--eval-dir DIR] [--bn-images N]

No trained weights can be downloaded here, and with random weights ResNet-18 predicts one
class for every generated image, so a comparison of predictions says little. This script
keeps torchvision's architecture and random convolutions (torch.manual_seed(0), as
tools/make_torchvision_onnx.py) and fits only what a linear probe fits:

  1. BatchNorm recalibration: every BatchNorm's running mean and variance are reset and
     re-estimated as cumulative averages (momentum None) over forward passes in train mode,
     without gradients, on the first --bn-images (default 400) images of TRAIN_DIR. The
     affine weights stay 1 and 0; the convolutions are not trained.
  2. The fc head: the 512 pooled features of every TRAIN_DIR image (eval mode) are
     standardized and a multinomial logistic regression (L2 1e-3, full-batch L-BFGS) is fitted
     to the folders' classes. The standardization is folded into the fc rows of the classes'
     output indices (labels.txt). The other 990 rows keep their random init scaled by 0.01
     with bias 0 (logits near 0; never all-zero rows, so every per-channel weight scale is
     non-zero), and the fitted rows are shifted by one constant — which changes no prediction
     among them — so that the smallest winning logit over TRAIN_DIR is 4, far above those.

TRAIN_DIR is a folder of tools/make_imagenet_like.py --separable (e.g. --seed 1); the eval
images must come from another seed (e.g. --seed 2), so the two splits are disjoint. Both use
one labels.txt (the synset folders and output indices do not depend on the seed).

Writes OUT_DIR/resnet18.onnx: opset 13, dynamic batch, input "input" [N, 3, 224, 224], output
"logits" [N, 1000] (as tools/make_torchvision_onnx.py). The preprocessing matches QuantLens's
default for it: Resize 256 + CenterCrop 224, ImageNet mean/std, RGB. Prints the training and
(with --eval-dir) the eval top-1 and the number of distinct predicted classes. Needs
python3-torch and python3-torchvision (system interpreter, hence the shebang).
"""

import argparse
import os

import numpy
import torch
import torchvision
from PIL import Image

MEAN = numpy.array([0.485, 0.456, 0.406], dtype=numpy.float32)
STD = numpy.array([0.229, 0.224, 0.225], dtype=numpy.float32)


def load_folder(root):
    """(images [N, 3, 224, 224] float32, labels [N] in 0..K-1, output indices [K])."""
    with open(os.path.join(root, "labels.txt")) as f:
        pairs = [line.split() for line in f if line.strip()]
    names = [name for name, _ in pairs]
    indices = [int(index) for _, index in pairs]
    images, labels = [], []
    for label, name in enumerate(names):
        for file in sorted(os.listdir(os.path.join(root, name))):
            image = Image.open(os.path.join(root, name, file)).convert("RGB")
            # torchvision's Resize(256) (shorter side) + CenterCrop(224).
            w, h = image.size
            scale = 256 / min(w, h)
            if (w, h) != (round(w * scale), round(h * scale)):
                image = image.resize((round(w * scale), round(h * scale)), Image.BILINEAR)
            w, h = image.size
            left, top = (w - 224) // 2, (h - 224) // 2
            image = image.crop((left, top, left + 224, top + 224))
            pixels = (numpy.asarray(image, dtype=numpy.float32) / 255.0 - MEAN) / STD
            images.append(pixels.transpose(2, 0, 1))
            labels.append(label)
    return torch.from_numpy(numpy.stack(images)), torch.tensor(labels), indices


def recalibrate_batchnorm(model, images, batch):
    """Re-estimates every BatchNorm's running statistics on `images` (train mode, no grad)."""
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            module.reset_running_stats()
            module.momentum = None  # cumulative average over all batches
    model.train()
    with torch.no_grad():
        for start in range(0, len(images), batch):
            model(images[start:start + batch])
    model.eval()


def pooled_features(model, images, batch=50):
    """The 512 inputs of fc (after the global average pool), eval mode."""
    head = model.fc
    model.fc = torch.nn.Identity()
    with torch.no_grad():
        features = torch.cat([model(images[s:s + batch]) for s in range(0, len(images), batch)])
    model.fc = head
    return features


def fit_head(features, labels, classes):
    """Multinomial logistic regression on standardized features: (W [K, 512], b [K], mu, sigma)."""
    mu = features.mean(0)
    sigma = features.std(0) + 1e-6
    x = (features - mu) / sigma
    weight = torch.zeros(classes, x.shape[1], requires_grad=True)
    bias = torch.zeros(classes, requires_grad=True)
    optimizer = torch.optim.LBFGS([weight, bias], max_iter=500, line_search_fn="strong_wolfe")

    def closure():
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(x @ weight.T + bias, labels)
        loss = loss + 1e-3 * weight.pow(2).sum()
        loss.backward()
        return loss

    optimizer.step(closure)
    return weight.detach(), bias.detach(), mu, sigma


def install_head(model, weight, bias, mu, sigma, indices, train_features):
    """Writes the fitted rows into fc (standardization folded in); see the module docstring."""
    folded_weight = weight / sigma
    folded_bias = bias - folded_weight @ mu
    winning = (train_features @ folded_weight.T + folded_bias).max(1).values
    shift = 4.0 - winning.min()
    with torch.no_grad():
        model.fc.weight.mul_(0.01)
        model.fc.bias.zero_()
        model.fc.weight[indices] = folded_weight
        model.fc.bias[indices] = folded_bias + shift


def report(split, model, images, labels, indices, batch=50):
    with torch.no_grad():
        logits = torch.cat([model(images[s:s + batch]) for s in range(0, len(images), batch)])
    predicted = logits.argmax(1)
    target = torch.tensor(indices)[labels]
    top1 = 100.0 * (predicted == target).float().mean().item()
    distinct = len(set(predicted.tolist()))
    print(f"{split}: {len(images)} images, FP32 top-1 {top1:.2f} %, {distinct} distinct predicted "
          f"classes, max |logit| {logits.abs().max().item():.3g}", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train_dir")
    parser.add_argument("out_dir")
    parser.add_argument("--eval-dir", help="report the FP32 top-1 on this folder too")
    parser.add_argument("--bn-images", type=int, default=400)
    args = parser.parse_args()
    torch.set_num_threads(1)  # a shared machine
    torch.manual_seed(0)  # the random convolutions of tools/make_torchvision_onnx.py
    model = torchvision.models.resnet18(weights=None)
    images, labels, indices = load_folder(args.train_dir)
    # The images are stored class by class: interleave them so every BatchNorm batch mixes classes.
    order = torch.randperm(len(images), generator=torch.Generator().manual_seed(1))
    recalibrate_batchnorm(model, images[order[:args.bn_images]], batch=50)
    features = pooled_features(model, images)
    weight, bias, mu, sigma = fit_head(features, labels, len(indices))
    install_head(model, weight, bias, mu, sigma, indices, features)
    report("train", model, images, labels, indices)
    if args.eval_dir:
        eval_images, eval_labels, eval_indices = load_folder(args.eval_dir)
        if eval_indices != indices:
            raise SystemExit(f"{args.eval_dir}/labels.txt differs from {args.train_dir}'s")
        report("eval", model, eval_images, eval_labels, indices)
    os.makedirs(args.out_dir, exist_ok=True)
    path = os.path.join(args.out_dir, "resnet18.onnx")
    torch.onnx.export(model, images[:2], path, opset_version=13, input_names=["input"],
                      output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    print(f"{path}: written", flush=True)


if __name__ == "__main__":
    main()
