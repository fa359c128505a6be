#pragma once
// Shared shell of the elementwise float ops with one input (Sigmoid, HardSigmoid, HardSwish,
// Tanh, Erf, Sqrt): shape Y = shape X, float32 only. Each op keeps its own file pair and
// supplies the per-element function, built once per call from the node's attributes.

#include <functional>

#include "core/op_registry.h"

namespace ql {

using UnaryFunction = std::function<float(float)>;

// `makeFunction(node)` returns y = f(x); it may read attributes and fail with failNode.
OpDef makeUnaryFloatOp(const std::string& opType,
                       std::function<UnaryFunction(const Node&)> makeFunction);

} // namespace ql
