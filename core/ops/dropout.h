#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Dropout at inference: Y = X and, when requested, a mask of all true. Training mode
// (random dropping) is rejected.
OpDef makeDropoutOp();

} // namespace ql
