#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Mul: Y = A * B with numpy broadcasting (float32, and int64 for shape arithmetic).
OpDef makeMulOp();

} // namespace ql
