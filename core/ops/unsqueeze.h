#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Unsqueeze: inserts size-1 dims at `axes` (attribute before opset 13, input after).
OpDef makeUnsqueezeOp();

} // namespace ql
