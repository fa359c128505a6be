#!/usr/bin/python3
"""Small ONNX models (a few kB each) that exercise every op the torchvision exports need.

Usage: tools/make_test_models.py [OUT_DIR [NAME ...]]   (default: tests/data/models next to
this script, every model)

Each model NAME is exported by `torch.onnx.export` as a user would (random weights with a
fixed seed, eval mode, dynamic batch axis) and written with PyTorch's own output on a fixed
input, so that the tests can check import + FP32 (and the integer engine) without the big
exports:
  NAME.onnx, NAME.input.npy (float32 [2, 3, 16, 16]), NAME.output.npy (float32 [2, 10])

  se_block          opset 14: Conv, HardSwish, squeeze-excite (GlobalAveragePool, Relu,
                    HardSigmoid, Mul broadcast), SiLU (Sigmoid, Mul), Tanh, Identity-fed
                    (deduplicated) biases, the dynamic-batch x.view(x.size(0), -1) flatten
  channel_shuffle   opset 13: Split (chunk), Concat, the ShuffleNet channel shuffle
                    (Reshape, Transpose, Reshape with the batch read from Shape), ReduceMean
  tiny_vit          opset 13: patch Conv, Transpose, class token Expand (Shape, Equal, Where),
                    Concat on axis 1, position Add, LayerNorm decomposed (ReduceMean, Sub, Pow,
                    Sqrt, Div), attention (batched MatMul, Div, Softmax), GELU (Erf), Gather
  tiny_vit_ln17     the same network at opset 17: LayerNormalization as one op
  layer_scale       opset 13: a ConvNeXt-like block (Transpose to channels-last, MatMul on a
                    4-D activation, GELU, Transpose back, layer-scale Mul by a [C, 1, 1]
                    constant, residual Add), Split with sizes, ReduceMean, a gate broadcast by
                    Expand, Div by a constant, a token Gather: every op on the integer path
"""

import math
import os
import sys

import numpy
import torch
from torch import nn


class SeBlock(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.act = nn.Hardswish()
        self.squeeze = nn.Conv2d(8, 4, 1)
        self.excite = nn.Conv2d(4, 8, 1)
        self.gate = nn.Hardsigmoid()
        self.conv = nn.Conv2d(8, 8, 3, stride=2, padding=1)
        self.head = nn.Linear(8 * 4 * 4, 16)
        self.out = nn.Linear(16, 10)
        with torch.no_grad():  # equal biases: torch deduplicates them behind Identity nodes
            self.squeeze.bias.fill_(0.05)
            self.excite.bias[:4].fill_(0.05)
            self.excite.bias[4:].fill_(0.05)
            self.conv.bias.fill_(0.05)
            self.stem.bias[:].fill_(0.05)
            self.stem.bias[:].fill_(0.05)

    def forward(self, x):
        x = self.act(self.stem(x))
        s = nn.functional.adaptive_avg_pool2d(x, 1)
        s = self.gate(self.excite(torch.relu(self.squeeze(s))))
        x = x * s
        x = self.conv(x)
        x = x * torch.sigmoid(x)  # SiLU as EfficientNet writes it
        x = nn.functional.max_pool2d(x, 2)
        x = x.view(x.size(0), -1)
        return self.out(torch.tanh(self.head(x)))


class ChannelShuffle(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.branch = nn.Conv2d(4, 4, 3, padding=1, groups=4)
        self.mix = nn.Conv2d(8, 12, 1)
        self.fc = nn.Linear(12, 10)

    def forward(self, x):
        x = torch.relu(self.stem(x))
        left, right = x.chunk(2, dim=1)
        x = torch.cat((left, torch.relu(self.branch(right))), dim=1)
        n, c, h, w = x.size()
        x = x.view(n, 2, c // 2, h, w).transpose(1, 2).contiguous().view(n, -1, h, w)
        x = torch.relu(self.mix(x))
        return self.fc(x.mean([2, 3]))


class TinyVit(nn.Module):
    def __init__(self, dim=16, heads=2, patch=4):
        super().__init__()
        self.heads = heads
        self.patch = nn.Conv2d(3, dim, patch, stride=patch)
        self.cls = nn.Parameter(torch.randn(1, 1, dim) * 0.5)
        self.pos = nn.Parameter(torch.randn(1, 17, dim) * 0.5)
        self.norm1 = nn.LayerNorm(dim)
        self.qkv = nn.Linear(dim, 3 * dim)
        self.proj = nn.Linear(dim, dim)
        self.norm2 = nn.LayerNorm(dim)
        self.mlp1 = nn.Linear(dim, 2 * dim)
        self.mlp2 = nn.Linear(2 * dim, dim)
        self.head = nn.Linear(dim, 10)
        with torch.no_grad():
            for norm in (self.norm1, self.norm2):
                norm.weight.uniform_(0.5, 1.5)
                norm.bias.uniform_(-0.2, 0.2)

    def forward(self, x):
        x = self.patch(x).flatten(2).transpose(1, 2)  # [N, 16, dim]
        n, t, d = x.shape
        x = torch.cat((self.cls.expand(n, -1, -1), x), dim=1) + self.pos
        y = self.norm1(x)
        q, k, v = self.qkv(y).reshape(n, t + 1, 3, self.heads, d // self.heads).permute(
            2, 0, 3, 1, 4)
        attn = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(d // self.heads), dim=-1)
        y = (attn @ v).transpose(1, 2).reshape(n, t + 1, d)
        x = x + self.proj(y)
        x = x + self.mlp2(nn.functional.gelu(self.mlp1(self.norm2(x))))
        return self.head(x[:, 0])


class LayerScale(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, padding=1)
        self.dw = nn.Conv2d(8, 8, 7, padding=3, groups=8)
        self.pw1 = nn.Linear(8, 16)
        self.pw2 = nn.Linear(16, 8)
        self.gamma = nn.Parameter(torch.rand(8, 1, 1) - 0.5)  # layer scale, both signs
        self.gate = nn.Conv2d(3, 5, 1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = torch.relu(self.stem(x))
        y = self.dw(x).permute(0, 2, 3, 1)  # channels-last
        y = self.pw2(nn.functional.gelu(self.pw1(y))).permute(0, 3, 1, 2)
        x = x + self.gamma * y
        a, b = torch.split(x, [3, 5], dim=1)
        g = torch.sigmoid(self.gate(a.mean((2, 3), keepdim=True)))
        b = b * g.expand(-1, -1, 16, 16)
        x = torch.cat((a, b / 4.0), dim=1)  # [N, 8, 16, 16]
        x = x.mean(3)[:, :, 5]  # a ReduceMean, then one row: Gather on axis 2
        return self.fc(torch.cat((x, x * 0.5), dim=1))


MODELS = {
    "se_block": (SeBlock, 14),
    "channel_shuffle": (ChannelShuffle, 13),
    "tiny_vit": (TinyVit, 13),
    "tiny_vit_ln17": (TinyVit, 17),
    "layer_scale": (LayerScale, 13),
}


def export(name, out_dir):
    factory, opset = MODELS[name]
    torch.manual_seed(7)
    model = factory().eval()
    x = torch.rand(2, 3, 16, 16, generator=torch.Generator().manual_seed(11)) * 2.0 - 1.0
    with torch.no_grad():
        y = model(x)
    path = os.path.join(out_dir, name + ".onnx")
    torch.onnx.export(model, x, path, opset_version=opset, input_names=["input"],
                      output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    numpy.save(os.path.join(out_dir, name + ".input.npy"), x.numpy().astype("<f4"))
    numpy.save(os.path.join(out_dir, name + ".output.npy"), y.numpy().astype("<f4"))
    import onnx
    ops = sorted({n.op_type for n in onnx.load(path).graph.node})
    print(f"{path}: {os.path.getsize(path)} bytes, ops {' '.join(ops)}")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "..", "tests", "data",
                                                                  "models")
    names = sys.argv[2:] or list(MODELS)
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        sys.exit(f"unknown model(s) {', '.join(unknown)}; known: {', '.join(MODELS)}")
    os.makedirs(out_dir, exist_ok=True)
    for name in names:
        export(name, out_dir)


if __name__ == "__main__":
    main()
