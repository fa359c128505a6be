#pragma once
// ONNX QLinearConv (opset 10): integer convolution of x (S_x, Z_x) by w (S_w, Z_w per tensor
// or per output channel) plus an optional int32 bias (scale S_x·S_w[o], zero point 0),
// requantized to (S_y, Z_y) with float multipliers M[o] = (S_x · S_w[o]) / S_y (float32) and
// round half to even, as ONNX Runtime does. Padding is the code Z_x.

#include "core/op_registry.h"

namespace ql {

OpDef makeQLinearConvOp();

} // namespace ql
