#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX ReduceMean: the mean over `axes` (all dims when empty), keepdims = 1 by default.
// Opsets < 18 give axes as an attribute, opset 18 as optional input 1 with
// noop_with_empty_axes; both forms are read. Float32 only.
OpDef makeReduceMeanOp();

} // namespace ql
