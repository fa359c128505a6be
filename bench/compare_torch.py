#!/usr/bin/python3
"""PyTorch oneDNN INT8 against quantlens-bench on the same model, in one invocation.

Usage: bench/compare_torch.py [--model M.onnx] [--data DIR] [--calib DIR] [--images N]
                              [--threads 1,2] [--repeat N] [--bench build/bench/quantlens-bench]

Times, at each thread count, on the same images:
  torch     PyTorch eager post-training static INT8 (engine 'onednn', Conv+BN+ReLU fused,
            MinMax uint8 activations, per-channel symmetric int8 weights — QuantLens's w8a8),
            forward over all images in batches of 100, median of --repeat runs;
  quantlens quantlens-bench --model M --data DIR: the W8A8 integer evaluation, the full
            evaluation (FP32 reference, propagated and local passes, every statistic) and the
            re-evaluation after an edit to the last layer with weights;
and prints the ratios QuantLens / PyTorch, and floor/W8A8 = (FP32 + 2 × W8A8) / W8A8: what a
full evaluation (one FP32 and two integer passes) costs before any statistic. Noisy machines:
compare only within one run.

The PyTorch network is rebuilt from the model's file name: the demo models (mlp,
multiexit_cnn: tools/make_demo_assets.py's classes with the ONNX initializers as weights, as
tools/make_torch_reference.py does) or torchvision's quantizable resnet18 / mobilenet_v2
(random weights: speed does not depend on them; needs python3-torchvision). Any other model
is timed on the QuantLens side only. torch is a bench-only tool, never a test dependency.
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import time

import torch
import torch.ao.quantization as tq

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "tools"))


def demo_network(name, model_path):
    import onnx
    from make_torch_reference import build  # the fused, quantizable demo network
    return build(name, onnx.load(model_path))


def torchvision_network(name):
    import torchvision.models.quantization as qm
    net = getattr(qm, name)(weights=None, quantize=False).eval()
    net.fuse_model()
    return net


def load_images(root, limit, shape):
    """The demo's images as QuantLens loads them (gray, /255); other shapes: random inputs of
    the model's size (timing only)."""
    if shape == (1, 28, 28) or shape == (784,):
        from make_torch_reference import load_folder
        x, _ = load_folder(root, limit)
        return x
    gen = torch.Generator().manual_seed(1)
    return torch.rand((limit or 1000,) + shape, generator=gen)


def torch_int8(args, name):
    torch.backends.quantized.engine = "onednn"
    if name in ("mlp", "multiexit_cnn"):
        net = demo_network(name, args.model)
        shape = (1, 28, 28)
    elif name in ("resnet18", "mobilenet_v2"):
        net = torchvision_network(name)
        shape = (3, 224, 224)
    else:
        return None
    net.qconfig = tq.QConfig(
        activation=tq.MinMaxObserver.with_args(dtype=torch.quint8,
                                               qscheme=torch.per_tensor_affine,
                                               reduce_range=False),
        weight=tq.PerChannelMinMaxObserver.with_args(dtype=torch.qint8,
                                                     qscheme=torch.per_channel_symmetric))
    tq.prepare(net, inplace=True)
    calib = load_images(args.calib, 200 if shape != (1, 28, 28) else 0, shape)
    with torch.no_grad():
        for batch in torch.split(calib, 100):
            net(batch)
    tq.convert(net, inplace=True)
    data = load_images(args.data, args.images, shape)
    times = {}
    with torch.no_grad():
        for threads in args.threads:
            torch.set_num_threads(threads)
            runs = []
            for _ in range(args.repeat + 1):  # the first run warms up
                start = time.perf_counter()
                for batch in torch.split(data, 100):
                    net(batch)
                runs.append(time.perf_counter() - start)
            times[threads] = statistics.median(runs[1:]) * 1e3
    return times, len(data)


def quantlens(args):
    cmd = [args.bench, "--model", args.model, "--data", args.data, "--calib", args.calib,
           "--threads", ",".join(map(str, args.threads)), "--repeat", str(args.repeat)]
    if args.images:
        cmd += ["--images", str(args.images)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    rows = {}
    edits = {}
    section = "main"
    for line in out.splitlines():
        if "re-evaluation after an edit" in line:
            section = "edits"
        cells = line.split()
        if not cells or not cells[0].isdigit():
            continue
        threads = int(cells[0])
        if section == "main" and len(cells) >= 8:
            rows[threads] = {"fp32": float(cells[1]), "w8a8": float(cells[3]),
                             "full": float(cells[6])}
        elif section == "edits" and len(cells) >= 4 and cells[1] == "last":
            edits[threads] = float(cells[3])
    isa = re.search(r"kernels (\S+),", out)
    return rows, edits, isa.group(1) if isa else "?", out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=os.path.join(REPO, "resources/models/multiexit_cnn.onnx"))
    ap.add_argument("--data", default=os.path.join(REPO, "resources/data/eval"))
    ap.add_argument("--calib", default=os.path.join(REPO, "resources/data/calib"))
    ap.add_argument("--images", type=int, default=0, help="0 = all images of --data")
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--bench", default=os.path.join(REPO, "build/bench/quantlens-bench"))
    ap.add_argument("--verbose", action="store_true", help="also print quantlens-bench's output")
    args = ap.parse_args()
    args.threads = [int(t) for t in args.threads.split(",")]
    name = os.path.splitext(os.path.basename(args.model))[0]

    reference = torch_int8(args, name)
    rows, edits, isa, out = quantlens(args)
    if args.verbose:
        print(out)
    print(f"{name}: PyTorch {torch.__version__} oneDNN INT8 vs QuantLens W8A8 (kernels {isa}), "
          f"median of {args.repeat}")
    header = ["threads", "torch INT8 ms", "QL W8A8 ms", "W8A8/torch", "QL full ms", "full/torch",
              "full/W8A8", "floor/W8A8", "QL edit(last) ms", "full/edit"]
    table = []
    for t in args.threads:
        r = rows.get(t)
        if r is None:
            continue
        ref = reference[0].get(t) if reference else None
        edit = edits.get(t)
        ratio = (lambda a, b: f"{a / b:.2f}x" if a and b else "-")
        # A full evaluation runs one FP32 and two integer passes (propagated, local): it cannot
        # cost less than FP32 + 2 × W8A8, whatever its statistics cost.
        floor = r["fp32"] + 2 * r["w8a8"]
        table.append([str(t), f"{ref:.1f}" if ref else "-", f"{r['w8a8']:.1f}",
                      ratio(r["w8a8"], ref), f"{r['full']:.1f}", ratio(r["full"], ref),
                      ratio(r["full"], r["w8a8"]), ratio(floor, r["w8a8"]),
                      f"{edit:.1f}" if edit else "-", ratio(r["full"], edit)])
    widths = [max(len(h), *(len(row[i]) for row in table)) for i, h in enumerate(header)]
    for row in [header, ["-" * w for w in widths]] + table:
        print("  " + "  ".join(c.rjust(w) for c, w in zip(row, widths)))
    if reference is None:
        print(f"  (no PyTorch network for '{name}': QuantLens side only)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
