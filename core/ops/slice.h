#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Slice: starts/ends/axes/steps as inputs (opset >= 10) or attributes (opset < 10),
// negative indices and steps, out-of-range bounds clamped.
OpDef makeSliceOp();

} // namespace ql
