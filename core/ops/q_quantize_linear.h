#pragma once
// ONNX QuantizeLinear (opset 10/13):
//   y = saturate( round_half_even(x / y_scale) + y_zero_point )      (x / S in float32)
// per tensor (scalar scale) or per axis (1-D scale along `axis`, default 1, opset 13); the
// output dtype is y_zero_point's (uint8 when it is omitted).

#include "core/op_registry.h"

namespace ql {

OpDef makeQuantizeLinearOp();

} // namespace ql
