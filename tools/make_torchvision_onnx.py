#!/usr/bin/python3
"""Export torchvision ResNet-18 and MobileNet-V2 (random weights, eval mode) to ONNX.

Usage: tools/make_torchvision_onnx.py OUT_DIR

Writes, per model NAME in {resnet18, mobilenet_v2}:
  OUT_DIR/NAME.onnx         opset 13, dynamic batch axis on input and output
  OUT_DIR/NAME.input.raw    float32 little-endian [2, 3, 224, 224] (fixed seed)
  OUT_DIR/NAME.output.raw   float32 little-endian [2, 1000], PyTorch's output on that input

The files are too big to commit. Point the importer test at them:
  QL_TORCHVISION_DIR=OUT_DIR build/tests/test_fp32_executor torchvisionModels
which checks MACs (ResNet-18 ~1.814 G, MobileNet-V2 ~0.301 G at 224x224) and compares our
FP32 output with PyTorch's. Needs python3-torch and python3-torchvision (Debian packages,
system interpreter only, hence the shebang).
"""

import os
import sys

import torch
import torchvision


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


def export(name, model, variance, out_dir):
    generator = torch.Generator().manual_seed(2024)
    randomize_batchnorm(model, generator, variance)
    model.eval()
    x = torch.rand(2, 3, 224, 224, generator=generator) * 2.0 - 1.0
    with torch.no_grad():
        y = model(x)
    path = os.path.join(out_dir, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=13, input_names=["input"],
                      output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    x.numpy().astype("<f4").tofile(os.path.join(out_dir, name + ".input.raw"))
    y.numpy().astype("<f4").tofile(os.path.join(out_dir, name + ".output.raw"))
    print(f"{path}: logits {tuple(y.shape)}, max |logit| {y.abs().max().item():.4g}")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    out_dir = sys.argv[1]
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(0)  # random (not pretrained) weights, reproducible
    export("resnet18", torchvision.models.resnet18(weights=None), (0.8, 1.2), out_dir)
    export("mobilenet_v2", torchvision.models.mobilenet_v2(weights=None), (0.05, 0.15), out_dir)


if __name__ == "__main__":
    main()
