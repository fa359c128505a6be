#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Relu: Y = max(X, 0).
OpDef makeReluOp();

} // namespace ql
