#pragma once
// ONNX MatMulInteger (opset 10): int32 Y = (A − a_zero_point) · (B − b_zero_point), numpy
// broadcasting; a_zero_point per tensor or per row (size M), b_zero_point per tensor or per
// column (size N). The int32 result wraps like ONNX Runtime's int32 accumulator.

#include "core/op_registry.h"

namespace ql {

OpDef makeMatMulIntegerOp();

} // namespace ql
