#!/usr/bin/python3
"""Make QuantLens's committed demo assets from Fashion-MNIST (run by hand, never at test time).

Writes, relative to the repository root:
  resources/data/calib/<class>/<index>.png   500 train images, the first 50 of each class
  resources/data/eval/<class>/<index>.png    1,000 test images, the first 100 of each class
  resources/models/mlp.onnx                  784-512-10 MLP, input [N,784] -> "logits"
  resources/models/multiexit_cnn.onnx        3-exit CNN, input [N,1,28,28] -> exit1..exit3
  resources/models/demo_expected.json        FP32 top-1 per exit on the PNGs as written

Class folders sort by name into the label index ("0-tshirt-top" ... "9-ankle-boot"), as
torchvision's ImageFolder and QuantLens's loader both assume. Inputs are pixel/255 with no
mean/std normalisation: exactly the app's default preprocessing for a 28x28 model.

Deterministic: fixed seed, 2 threads, PNGs written by a tiny zlib writer (no timestamps).
Needs python3-torch, python3-numpy and python3-onnx (Debian 12); nothing the C++ build needs.
"""

import argparse
import gzip
import json
import os
import shutil
import struct
import sys
import time
import zlib
from collections import OrderedDict

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20240601
FMNIST_DIR = "/usr/share/datasets/fashion-mnist"
CLASS_DIRS = ["0-tshirt-top", "1-trouser", "2-pullover", "3-dress", "4-coat",
              "5-sandal", "6-shirt", "7-sneaker", "8-bag", "9-ankle-boot"]
CALIB_PER_CLASS = 50
EVAL_PER_CLASS = 100
ALLOWED_CNN_OPS = {"Conv", "BatchNormalization", "Relu", "MaxPool", "AveragePool",
                   "GlobalAveragePool", "Add", "Flatten", "Gemm"}

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


# ----------------------------------------------------------------------------- IDX / PNG I/O

def read_idx(path):
    """Gzipped big-endian IDX: magic 0x803 (uint8 images N x R x C) or 0x801 (uint8 labels)."""
    with gzip.open(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    ndim = magic & 0xFF
    if magic >> 8 != 0x08:
        raise ValueError(f"{path}: not a uint8 IDX file (magic {magic:#x})")
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def _png_chunk(kind, payload):
    return (struct.pack(">I", len(payload)) + kind + payload
            + struct.pack(">I", zlib.crc32(kind + payload) & 0xFFFFFFFF))


def write_png_gray8(path, img):
    """8-bit grayscale PNG, filter type 0 on every row, no ancillary chunks (byte-stable)."""
    h, w = img.shape
    raw = b"".join(b"\x00" + img[y].tobytes() for y in range(h))
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0)  # depth 8, colour type 0 (gray)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", ihdr)
                + _png_chunk(b"IDAT", zlib.compress(raw, 9)) + _png_chunk(b"IEND", b""))


def read_png_gray8(path):
    """Decoder for 8-bit grayscale non-interlaced PNGs (all five row filters)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG")
    pos, idat, w, h = 8, b"", 0, 0
    while pos < len(data):
        n, = struct.unpack(">I", data[pos:pos + 4])
        kind, payload = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + n]
        pos += 12 + n
        if kind == b"IHDR":
            w, h, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", payload)
            if (depth, ctype, interlace) != (8, 0, 0):
                raise ValueError(f"{path}: only 8-bit gray non-interlaced PNGs are read here")
        elif kind == b"IDAT":
            idat += payload
    raw = zlib.decompress(idat)
    out = np.zeros((h, w), dtype=np.uint8)
    prev = np.zeros(w, dtype=np.int32)
    for y in range(h):
        ftype = raw[y * (w + 1)]
        line = np.frombuffer(raw, dtype=np.uint8, count=w, offset=y * (w + 1) + 1).astype(np.int32)
        cur = np.zeros(w, dtype=np.int32)
        for x in range(w):
            a = cur[x - 1] if x else 0
            b = prev[x]
            c = prev[x - 1] if x else 0
            if ftype == 0:
                pred = 0
            elif ftype == 1:
                pred = a
            elif ftype == 2:
                pred = b
            elif ftype == 3:
                pred = (a + b) // 2
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            cur[x] = (line[x] + pred) & 0xFF
        out[y] = cur
        prev = cur
    return out


def write_split(images, labels, per_class, out_dir):
    """First `per_class` images of each class in file order -> out_dir/<class>/<index>.png."""
    if os.path.isdir(out_dir):
        shutil.rmtree(out_dir)
    written = []
    for label, name in enumerate(CLASS_DIRS):
        os.makedirs(os.path.join(out_dir, name))
        indices = np.nonzero(labels == label)[0][:per_class]
        for idx in indices:
            path = os.path.join(out_dir, name, f"{idx:05d}.png")
            write_png_gray8(path, images[idx])
            written.append(path)
    return written


def load_split(out_dir):
    """Decode the PNGs as written, in the loader's order (class name, then file name)."""
    xs, ys, files = [], [], []
    for label, name in enumerate(sorted(os.listdir(out_dir))):
        assert name == CLASS_DIRS[label], name
        for fname in sorted(os.listdir(os.path.join(out_dir, name))):
            path = os.path.join(out_dir, name, fname)
            xs.append(read_png_gray8(path))
            ys.append(label)
            files.append(path)
    return np.stack(xs), np.array(ys, dtype=np.int64), files


# ----------------------------------------------------------------------------- models

class Mlp(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 512)
        self.relu = nn.ReLU()
        self.fc2 = nn.Linear(512, 10)

    def forward(self, x):
        return self.fc2(self.relu(self.fc1(x)))


class ConvBnRelu(nn.Sequential):
    def __init__(self, cin, cout, k, groups=1, relu=True):
        layers = [("conv", nn.Conv2d(cin, cout, k, padding=k // 2, groups=groups, bias=False)),
                  ("bn", nn.BatchNorm2d(cout))]
        if relu:
            layers.append(("relu", nn.ReLU()))
        super().__init__(OrderedDict(layers))


class ResidualBlock(nn.Module):
    """conv3x3+BN+ReLU, conv3x3+BN, plus a 1x1 conv+BN projection of the input, Add, ReLU."""

    def __init__(self, cin, cout):
        super().__init__()
        self.conv1 = ConvBnRelu(cin, cout, 3)
        self.conv2 = ConvBnRelu(cout, cout, 3, relu=False)
        self.proj = ConvBnRelu(cin, cout, 1, relu=False)
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.conv2(self.conv1(x)) + self.proj(x))


class Head(nn.Sequential):
    def __init__(self, pool, features):
        super().__init__(OrderedDict([
            ("pool", pool), ("flatten", nn.Flatten()), ("fc", nn.Linear(features, 10))]))


class MultiExitCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(OrderedDict([
            ("conv1", ConvBnRelu(1, 16, 3)),
            ("conv2", ConvBnRelu(16, 16, 3)),
            ("pool", nn.MaxPool2d(2))]))                       # 16 x 14 x 14
        # count_include_pad=False: with the default, torch 1.13 exports an explicit zero Pad.
        # A deliberately small head (2x2 pooled features): the first exit is cheap but weaker,
        # so the exit policy has a real accuracy/cost trade-off to show.
        self.exit1 = Head(nn.AvgPool2d(7, count_include_pad=False), 16 * 2 * 2)
        self.block2 = ResidualBlock(16, 32)
        self.pool2 = nn.MaxPool2d(2)                           # 32 x 7 x 7
        self.exit2 = Head(nn.AdaptiveAvgPool2d(1), 32)
        self.block3 = nn.Sequential(OrderedDict([
            ("depthwise", ConvBnRelu(32, 32, 3, groups=32)),
            ("pointwise", ConvBnRelu(32, 64, 1))]))            # 64 x 7 x 7
        self.exit3 = Head(nn.AdaptiveAvgPool2d(1), 64)

    def forward(self, x):
        x = self.stem(x)
        e1 = self.exit1(x)
        x = self.pool2(self.block2(x))
        e2 = self.exit2(x)
        e3 = self.exit3(self.block3(x))
        return e1, e2, e3


# ----------------------------------------------------------------------------- training

def train(model, x, y, epochs, lr, batch, loss_of, tag):
    gen = torch.Generator().manual_seed(SEED)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    steps = epochs * ((len(x) + batch - 1) // batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps)
    for epoch in range(epochs):
        model.train()
        t0, total = time.time(), 0.0
        perm = torch.randperm(len(x), generator=gen)
        for i in range(0, len(x), batch):
            idx = perm[i:i + batch]
            opt.zero_grad()
            loss = loss_of(model(x[idx]), y[idx])
            loss.backward()
            opt.step()
            sched.step()
            total += loss.item() * len(idx)
        print(f"  {tag} epoch {epoch + 1}/{epochs}: loss {total / len(x):.4f} "
              f"({time.time() - t0:.0f} s)", flush=True)
    model.eval()


@torch.no_grad()
def top1(model, x, y):
    out = model(x)
    outs = out if isinstance(out, tuple) else (out,)
    return [round(100.0 * (o.argmax(1) == y).float().mean().item(), 2) for o in outs]


# ----------------------------------------------------------------------------- ONNX export

def inline_identity_initializers(m):
    """The exporter de-duplicates equal parameters (e.g. two BNs with the same running
    statistics) into one initializer plus Identity nodes; give each consumer its own copy
    instead so the graph holds only real operators. Returns True if anything changed."""
    inits = {t.name: t for t in m.graph.initializer}
    dead = [n for n in m.graph.node if n.op_type == "Identity" and n.input[0] in inits]
    for n in dead:
        copy = onnx.TensorProto()
        copy.CopyFrom(inits[n.input[0]])
        copy.name = n.output[0]
        m.graph.initializer.append(copy)
        m.graph.node.remove(n)
    return bool(dead)


def export(model, example, path, outputs, keep_bn):
    kwargs = dict(input_names=["input"], output_names=outputs, opset_version=13,
                  dynamic_axes={n: {0: "batch"} for n in ["input"] + outputs})
    if keep_bn:
        # Eval-mode export runs the ONNX eval peephole, which folds BatchNorm into Conv.
        # PRESERVE keeps the module in eval mode but skips that pass, so the BN nodes
        # (with running statistics) stay in the graph for QuantLens to fold itself.
        kwargs.update(training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    torch.onnx.export(model, example, path, **kwargs)
    m = onnx.load(path)
    if inline_identity_initializers(m):
        onnx.save(m, path)
    onnx.checker.check_model(m)
    ops = sorted({n.op_type for n in m.graph.node})
    return m, ops


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cnn-epochs", type=int, default=4)
    ap.add_argument("--mlp-epochs", type=int, default=4)
    args = ap.parse_args()

    torch.manual_seed(SEED)
    np.random.seed(SEED)
    torch.set_num_threads(2)
    t_start = time.time()
    data_dir = os.path.join(REPO, "resources", "data")
    model_dir = os.path.join(REPO, "resources", "models")
    os.makedirs(model_dir, exist_ok=True)

    train_x = read_idx(f"{FMNIST_DIR}/train-images-idx3-ubyte.gz")
    train_y = read_idx(f"{FMNIST_DIR}/train-labels-idx1-ubyte.gz")
    test_x = read_idx(f"{FMNIST_DIR}/t10k-images-idx3-ubyte.gz")
    test_y = read_idx(f"{FMNIST_DIR}/t10k-labels-idx1-ubyte.gz")
    print(f"Fashion-MNIST: train {train_x.shape}, test {test_x.shape}")

    # --- a. PNG samples, then read back exactly what was written
    write_split(train_x, train_y, CALIB_PER_CLASS, os.path.join(data_dir, "calib"))
    write_split(test_x, test_y, EVAL_PER_CLASS, os.path.join(data_dir, "eval"))
    splits = {}
    for name in ("eval", "calib"):
        imgs, labels, files = load_split(os.path.join(data_dir, name))
        splits[name] = (torch.from_numpy(imgs.astype(np.float32) / 255.0).unsqueeze(1),
                        torch.from_numpy(labels), files, imgs)
    # The writer/reader round trip must be lossless (the sample files are named by IDX index).
    for name, src_x in (("eval", test_x), ("calib", train_x)):
        imgs, files = splits[name][3], splits[name][2]
        idx = [int(os.path.basename(f)[:-4]) for f in files]
        assert np.array_equal(imgs, src_x[idx]), f"{name}: PNG round trip differs"

    # --- b. training on the full 60k train set, inputs pixel/255
    x_all = torch.from_numpy(train_x.astype(np.float32) / 255.0).unsqueeze(1)
    y_all = torch.from_numpy(train_y.astype(np.int64))

    torch.manual_seed(SEED)
    mlp = Mlp()
    print("Training MLP 784-512-10")
    train(mlp, x_all.flatten(1), y_all, args.mlp_epochs, 2e-3, 128,
          lambda out, y: F.cross_entropy(out, y), "mlp")

    torch.manual_seed(SEED)
    cnn = MultiExitCnn()
    print("Training multi-exit CNN (joint loss summed over exits)")
    train(cnn, x_all, y_all, args.cnn_epochs, 4e-3, 128,
          lambda outs, y: sum(F.cross_entropy(o, y) for o in outs), "cnn")

    # --- c. ONNX export
    mlp_path = os.path.join(model_dir, "mlp.onnx")
    cnn_path = os.path.join(model_dir, "multiexit_cnn.onnx")
    _, mlp_ops = export(mlp, torch.zeros(1, 784), mlp_path, ["logits"], keep_bn=False)
    cnn_onnx, cnn_ops = export(cnn, torch.zeros(1, 1, 28, 28), cnn_path,
                               ["exit1", "exit2", "exit3"], keep_bn=True)
    assert "BatchNormalization" in cnn_ops, "BatchNorm was folded away by the exporter"
    assert set(cnn_ops) <= ALLOWED_CNN_OPS, f"unexpected ops: {set(cnn_ops) - ALLOWED_CNN_OPS}"
    assert [o.name for o in cnn_onnx.graph.output] == ["exit1", "exit2", "exit3"]
    assert set(mlp_ops) <= {"Gemm", "Relu"}, mlp_ops

    # --- d. FP32 top-1 on the PNGs as written
    results = {"mlp": {}, "multiexit_cnn": {}}
    for name, (x, y, _, _) in splits.items():
        results["mlp"][name] = dict(zip(["logits"], top1(mlp, x.flatten(1), y)))
        results["multiexit_cnn"][name] = dict(zip(["exit1", "exit2", "exit3"], top1(cnn, x, y)))

    # Golden values for tests/test_dataset.cpp: the first eval file of class 0.
    eval_imgs, eval_files = splits["eval"][3], splits["eval"][2]
    golden = {"file": os.path.relpath(eval_files[0], data_dir),
              "pixel_sum": int(eval_imgs[0].astype(np.int64).sum()),
              "pixel_at_14_14": int(eval_imgs[0][14, 14]),
              "eval_pixel_sum": int(eval_imgs.astype(np.int64).sum())}

    expected = {
        "mlp": results["mlp"],
        "multiexit_cnn": results["multiexit_cnn"],
        "metric": "top-1 accuracy in percent, inputs pixel/255, FP32 PyTorch",
        "images": {"eval": len(splits["eval"][1]), "calib": len(splits["calib"][1])},
        "epochs": {"mlp": args.mlp_epochs, "multiexit_cnn": args.cnn_epochs},
        "ops": {"mlp": mlp_ops, "multiexit_cnn": cnn_ops},
        "golden": golden,
        "torch": torch.__version__,
        "onnx_opset": 13,
        "seed": SEED,
    }
    with open(os.path.join(model_dir, "demo_expected.json"), "w") as f:
        json.dump(expected, f, indent=2)
        f.write("\n")

    print()
    print(f"{'model':<15}{'output':<9}{'eval (1000)':>13}{'calib (500)':>13}")
    for model_name, outs in (("mlp", ["logits"]), ("multiexit_cnn", ["exit1", "exit2", "exit3"])):
        for o in outs:
            print(f"{model_name:<15}{o:<9}{results[model_name]['eval'][o]:>12.2f}%"
                  f"{results[model_name]['calib'][o]:>12.2f}%")
    print(f"\nmlp.onnx ops: {', '.join(mlp_ops)}")
    print(f"multiexit_cnn.onnx ops: {', '.join(cnn_ops)}")
    for p in (mlp_path, cnn_path):
        print(f"{os.path.relpath(p, REPO)}: {os.path.getsize(p) / 1024:.1f} KiB")
    print(f"golden: {golden}")
    print(f"total {time.time() - t_start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
