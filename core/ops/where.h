#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Where: output = condition ? X : Y elementwise, the three broadcast together (numpy
// rules); condition bool, X and Y of the same (any) type.
OpDef makeWhereOp();

} // namespace ql
