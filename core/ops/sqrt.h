#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Sqrt: Y = sqrt(X); NaN for negative X, as in IEEE arithmetic.
OpDef makeSqrtOp();

} // namespace ql
