#pragma once
// ONNX DynamicQuantizeLinear (opset 11): uint8 affine quantization with (S, Z) from the tensor
// itself — the "dynamic" observer of spec §2:
//   lo = min(0, min x), hi = max(0, max x), S = (hi − lo) / 255,
//   Z = round_half_even(clamp(0 − lo / S, 0, 255)), y = saturate(round_half_even(x / S) + Z)

#include "core/op_registry.h"

namespace ql {

OpDef makeDynamicQuantizeLinearOp();

} // namespace ql
