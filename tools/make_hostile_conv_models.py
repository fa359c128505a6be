#!/usr/bin/python3
"""Writes the three Conv models that crashed libonnx 1.12's shape inference (issue 16) to
tests/data/hostile/onnx_loader/. Run by hand; `--check` instead runs
onnx.shape_inference.infer_shapes on each in a child process and prints how it died
(SIGFPE for strides [0,0], SIGSEGV for the two rank mismatches)."""
import os
import subprocess
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OUT = os.path.join(os.path.dirname(__file__), "..", "tests", "data", "hostile", "onnx_loader")


def model(case):
    w = numpy_helper.from_array(np.ones((2, 1, 3, 3), np.float32), "w")
    f = TensorProto.FLOAT
    if case == "strides0":
        inputs, inits = [helper.make_tensor_value_info("x", f, [1, 1, 8, 8])], [w]
        node = helper.make_node("Conv", ["x", "w"], ["y"], strides=[0, 0])
    elif case == "rank3":
        inputs, inits = [helper.make_tensor_value_info("x", f, [1, 1, 8])], [w]
        node = helper.make_node("Conv", ["x", "w"], ["y"])
    else:  # rank2_winput: the weight is a graph input with a declared shape
        inputs = [helper.make_tensor_value_info("x", f, [1, 4]),
                  helper.make_tensor_value_info("w", f, [2, 1, 3, 3])]
        inits = []
        node = helper.make_node("Conv", ["x", "w"], ["y"])
    y = helper.make_tensor_value_info("y", f, None)
    graph = helper.make_graph([node], "g", inputs, [y], inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


CASES = ["strides0", "rank3", "rank2_winput"]

if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--infer":
        onnx.shape_inference.infer_shapes(onnx.load(sys.argv[2]))
        sys.exit(0)
    for case in CASES:
        path = os.path.join(OUT, "conv_%s.onnx" % case)
        if "--check" in sys.argv:
            rc = subprocess.run([sys.executable, __file__, "--infer", path]).returncode
            print(case, "exit", rc)
        else:
            onnx.save(model(case), path)
