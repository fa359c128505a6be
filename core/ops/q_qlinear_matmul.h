#pragma once
// ONNX QLinearMatMul (opset 10): numpy-broadcast matmul of a (S_a, Z_a) by b (S_b, Z_b
// per tensor or per column), requantized to (S_y, Z_y):
//   y = saturate( round_half_even( float32(acc) · M ) + Z_y ),   M = (S_a · S_b) / S_y in float32
// (the float requantization of ONNX Runtime's MLAS).

#include "core/op_registry.h"

namespace ql {

OpDef makeQLinearMatMulOp();

} // namespace ql
