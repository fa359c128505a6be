#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX ConstantOfShape: a tensor of the given shape filled with `value` (default float 0).
OpDef makeConstantOfShapeOp();

} // namespace ql
