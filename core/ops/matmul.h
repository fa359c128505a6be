#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX MatMul with numpy semantics: 1-D promotion and broadcast batch dims.
OpDef makeMatMulOp();

} // namespace ql
