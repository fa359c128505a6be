#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Tanh: Y = tanh(X).
OpDef makeTanhOp();

} // namespace ql
