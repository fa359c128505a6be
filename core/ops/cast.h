#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Cast between float32, the integer types and bool ('to' is a TensorProto type).
OpDef makeCastOp();

} // namespace ql
