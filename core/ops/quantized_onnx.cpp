#include "core/ops/quantized_onnx.h"

#include "core/ops/q_conv_integer.h"
#include "core/ops/q_dequantize_linear.h"
#include "core/ops/q_dynamic_quantize_linear.h"
#include "core/ops/q_matmul_integer.h"
#include "core/ops/q_qlinear_conv.h"
#include "core/ops/q_qlinear_matmul.h"
#include "core/ops/q_quantize_linear.h"

namespace ql {

void registerQuantizedOnnxOps(std::vector<OpDef>& table)
{
    table.push_back(makeQuantizeLinearOp());
    table.push_back(makeDequantizeLinearOp());
    table.push_back(makeDynamicQuantizeLinearOp());
    table.push_back(makeQLinearMatMulOp());
    table.push_back(makeQLinearConvOp());
    table.push_back(makeMatMulIntegerOp());
    table.push_back(makeConvIntegerOp());
}

} // namespace ql
