#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Gemm: Y = alpha * A' * B' + beta * C, with transA/transB and C broadcast to [M, N].
OpDef makeGemmOp();

} // namespace ql
