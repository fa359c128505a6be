#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Pow: Z = X ^ Y with numpy broadcasting. X float32, int32 or int64; Y float32, int32 or
// int64; Z has X's type.
OpDef makePowOp();

} // namespace ql
