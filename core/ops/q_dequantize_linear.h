#pragma once
// ONNX DequantizeLinear (opset 10/13):
//   y = (x − x_zero_point) · x_scale      (float32; per tensor or per axis like QuantizeLinear)

#include "core/op_registry.h"

namespace ql {

OpDef makeDequantizeLinearOp();

} // namespace ql
