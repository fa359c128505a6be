#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Expand: broadcasts `input` against the shape given by input 1 (numpy rules in both
// directions: the output shape is broadcast(input.shape, shape)). Any element type.
OpDef makeExpandOp();

} // namespace ql
