#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Concat along any axis, any element type.
OpDef makeConcatOp();

} // namespace ql
