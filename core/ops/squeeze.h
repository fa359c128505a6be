#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Squeeze: removes the size-1 dims at `axes` (attribute before opset 13, optional input
// after), or every size-1 dim when no axes are given.
OpDef makeSqueezeOp();

} // namespace ql
