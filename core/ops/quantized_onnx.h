#pragma once
// The ONNX quantized operators (QuantizeLinear, DequantizeLinear, QLinearMatMul, QLinearConv,
// MatMulInteger, ConvInteger) so that models quantized by other tools open and run too.
// Their kernels are built on core/quant/ (integer GEMM, requantization).

#include <vector>

#include "core/op_registry.h"

namespace ql {

void registerQuantizedOnnxOps(std::vector<OpDef>& table);

} // namespace ql
