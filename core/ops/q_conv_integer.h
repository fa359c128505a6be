#pragma once
// ONNX ConvInteger (opset 10): int32 y = conv(x − x_zero_point, w − w_zero_point) with the
// Conv attributes (pads / auto_pad, strides, dilations, group); padding is the code
// x_zero_point so that padded positions contribute 0. w_zero_point per tensor or per output
// channel. The int32 result wraps like ONNX Runtime's int32 accumulator.

#include "core/op_registry.h"

namespace ql {

OpDef makeConvIntegerOp();

} // namespace ql
