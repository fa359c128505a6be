#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Identity: Y = X, any element type.
OpDef makeIdentityOp();

} // namespace ql
