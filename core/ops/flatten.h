#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Flatten: [d0 .. d(axis-1), d(axis) .. dn] -> [prod(d < axis), prod(d >= axis)].
OpDef makeFlattenOp();

} // namespace ql
