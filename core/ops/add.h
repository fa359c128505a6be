#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Add: Y = A + B with numpy broadcasting (float32, and int64 for shape arithmetic).
OpDef makeAddOp();

} // namespace ql
