#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Gather: out = data[:axis] + indices.shape + data[axis+1:], negative indices wrap.
OpDef makeGatherOp();

} // namespace ql
