#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX HardSigmoid: Y = max(0, min(1, alpha * X + beta)), alpha 0.2 and beta 0.5 by default.
OpDef makeHardSigmoidOp();

} // namespace ql
