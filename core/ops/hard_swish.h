#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX HardSwish: Y = X * max(0, min(1, X / 6 + 0.5)) (opset 14; PyTorch's Hardswish).
OpDef makeHardSwishOp();

} // namespace ql
