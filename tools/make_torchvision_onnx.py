#!/usr/bin/python3
"""Export 16 torchvision classifiers (random weights, eval mode) to ONNX as a new user would.

Usage: tools/make_torchvision_onnx.py OUT_DIR [NAME ...]

`torch.onnx.export` with its defaults, opset 13, a dynamic batch axis on input and output.
Writes, per model NAME (all of MODELS below unless names are given):
  OUT_DIR/NAME.onnx         the export (100-500 MB for VGG, AlexNet, ResNeXt: never commit)
  OUT_DIR/NAME.input.npy    float32 [2, 3, S, S] uniform in [-1, 1) (fixed seed; S = 224,
                            299 for inception_v3)
  OUT_DIR/NAME.output.npy   float32 [2, 1000], PyTorch's own output on that input

tests/test_torchvision.cpp opens every export in QL_TORCHVISION_DIR=OUT_DIR and compares our
FP32 output with the recorded one. Needs python3-torch and python3-torchvision (Debian
packages, system interpreter only, hence the shebang).
"""

import os
import sys

import numpy
import torch
import torchvision

# name -> (input size, running-variance range of the randomized BatchNorms; see below)
MODELS = {
    "resnet18": (224, (0.8, 1.2)),
    "mobilenet_v2": (224, (0.05, 0.15)),
    "mobilenet_v3_small": (224, (0.3, 0.6)),
    "efficientnet_b0": (224, (0.3, 0.6)),
    "shufflenet_v2_x1_0": (224, (0.3, 0.6)),
    "squeezenet1_1": (224, (0.8, 1.2)),
    "googlenet": (224, (0.8, 1.2)),
    "regnet_y_400mf": (224, (0.3, 0.6)),
    "mnasnet0_5": (224, (0.05, 0.15)),
    "densenet121": (224, (0.8, 1.2)),
    "convnext_tiny": (224, (0.8, 1.2)),
    "resnext50_32x4d": (224, (0.8, 1.2)),
    "vgg11_bn": (224, (0.8, 1.2)),
    "alexnet": (224, (0.8, 1.2)),
    "inception_v3": (299, (0.8, 1.2)),
    "vit_b_16": (224, (0.8, 1.2)),
}


def randomize_batchnorm(model, generator, variance):
    """Gives every BatchNorm random statistics and affine parameters.

    Freshly initialised BatchNorms are identities (mean 0, var 1, weight 1, bias 0); through
    MobileNet-V2's 52 layers the logits then shrink to ~1e-9 and a comparison says nothing.
    The export folds these BatchNorms into the convolutions, so they shape the conv weights.
    `variance` = (low, high) of the running variances: the per-layer gain is ~1/sqrt(var),
    chosen per network so that its logits end up of order 1.
    """
    low, high = variance
    for module in model.modules():
        if isinstance(module, torch.nn.BatchNorm2d):
            n = module.num_features
            with torch.no_grad():
                module.weight.copy_(torch.rand(n, generator=generator) * 1.0 + 0.5)
                module.bias.copy_(torch.rand(n, generator=generator) * 0.2 - 0.1)
                module.running_mean.copy_(torch.rand(n, generator=generator) * 0.2 - 0.1)
                module.running_var.copy_(torch.rand(n, generator=generator) * (high - low) + low)


def randomize_zero_heads(model, generator):
    """Gives a classifier initialised to zeros (ViT's heads.head) random weights.

    With a zero head every logit is 0 and a comparison with PyTorch says nothing; N(0, 0.02)
    (ViT's own init for its other Linears) gives logits of order 1 after the final LayerNorm.
    """
    for module in model.modules():
        if isinstance(module, torch.nn.Linear) and not module.weight.detach().any():
            with torch.no_grad():
                module.weight.copy_(torch.randn(module.weight.shape, generator=generator) * 0.02)
                module.bias.copy_(torch.rand(module.bias.shape, generator=generator) * 0.2 - 0.1)


def build(name):
    constructor = getattr(torchvision.models, name)
    if name in ("googlenet", "inception_v3"):
        # weights=None keeps the auxiliary heads; they are training-only (eval returns logits).
        return constructor(weights=None, aux_logits=False, init_weights=True)
    return constructor(weights=None)


def export(name, out_dir):
    size, variance = MODELS[name]
    torch.manual_seed(0)  # random (not pretrained) weights, reproducible
    model = build(name)
    generator = torch.Generator().manual_seed(2024)
    randomize_batchnorm(model, generator, variance)
    randomize_zero_heads(model, generator)
    model.eval()
    x = torch.rand(2, 3, size, size, generator=generator) * 2.0 - 1.0
    with torch.no_grad():
        y = model(x)
    path = os.path.join(out_dir, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=13, input_names=["input"],
                      output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    numpy.save(os.path.join(out_dir, name + ".input.npy"), x.numpy().astype("<f4"))
    numpy.save(os.path.join(out_dir, name + ".output.npy"), y.numpy().astype("<f4"))
    print(f"{path}: logits {tuple(y.shape)}, max |logit| {y.abs().max().item():.4g}", flush=True)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    names = sys.argv[2:] or list(MODELS)
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        sys.exit(f"unknown model(s) {', '.join(unknown)}; known: {', '.join(MODELS)}")
    os.makedirs(out_dir, exist_ok=True)
    torch.set_num_threads(1)  # a shared machine; the export is not the bottleneck
    for name in names:
        export(name, out_dir)


if __name__ == "__main__":
    main()
