#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Equal: C = (A == B) elementwise with numpy broadcasting; A and B of the same type
// (float32, integers, bool); C is bool.
OpDef makeEqualOp();

} // namespace ql
