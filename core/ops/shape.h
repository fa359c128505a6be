#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Shape: the input's dims as an Int64 vector, optionally sliced by start/end (opset 15).
OpDef makeShapeOp();

} // namespace ql
