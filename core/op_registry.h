#pragma once
// FP32 operator registry: one OpDef per ONNX op type, each defined in its own file pair under
// core/ops/ and registered by one line in registerBuiltinOps() (ops/register_ops.cpp).

#include <functional>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/progress.h"

namespace ql {

struct OpDef
{
    std::string opType;
    // Output shapes from input shapes; constInputs[i] is non-null when input i is a known
    // constant (initializer or folded), e.g. Reshape's target shape.
    std::function<std::vector<Shape>(const Node&, const std::vector<Shape>& inShapes,
                                     const std::vector<const Tensor*>& constInputs)>
        inferShapes;
    // Multiply-accumulates per sample, from node.inputShapes/outputShapes (batch 1).
    std::function<int64_t(const Node&)> macs;
    // Runs the op in FP32 (integer inputs such as shape tensors are allowed where ONNX has
    // them). Missing optional inputs are nullptr.
    std::function<void(const Node&, const std::vector<const Tensor*>& in,
                       std::vector<Tensor>& out, const RunControl& ctl)>
        run;
};

const OpDef* findOp(const std::string& opType);
std::vector<std::string> supportedOps(); // sorted
std::string supportedOpsList();          // "Add, AveragePool, ..."

} // namespace ql
