#pragma once
// FP32 operator registry: one OpDef per ONNX op type, each defined in its own file pair under
// core/ops/ and registered by one line in the registration function of op_registry.cpp.
//
// Conventions every OpDef follows:
//  * Shapes: inferShapes may return an empty vector when an output shape depends on a value
//    that is not known at import (e.g. a Reshape target fed as a graph input); the importer
//    then falls back to ONNX shape inference for that node. It throws ql::Error (through
//    failNode in ops/op_utils.h) for attribute values the engine does not implement, so such
//    models are rejected at import instead of computing something else.
//  * MACs count only the multiply-accumulates of Conv, Gemm and MatMul (the work that
//    dominates and that integer hardware accelerates); elementwise ops, BatchNormalization,
//    pooling and data movement count 0. Per sample, from the batch-1 shapes.

#include <functional>
#include <optional>
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
    std::function<void(const Node&, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                       const RunControl& ctl)>
        run;
    // True when run() may be handed its output slot as its input 0 (in[0] == &out[0]): the
    // executor then moves a tensor that dies at this node into out[0] instead of having the op
    // copy it, and the op transforms it in place (elementwise ops whose output has X's shape
    // and dtype). run() must also work with a separate input.
    bool inPlace = false;
    // Input positions holding learned parameters (weights, biases, BN statistics) when they
    // are initializers; Node::params sums their elements. Unset: every initializer input
    // that is not Int64 (shape/index data) counts.
    std::optional<std::vector<int>> paramInputs;
};

const OpDef* findOp(const std::string& opType);
std::vector<std::string> supportedOps(); // sorted
std::string supportedOpsList();          // "Add, AveragePool, ..."

} // namespace ql
