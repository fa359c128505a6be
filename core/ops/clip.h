#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Clip: Y = min(max(X, min), max); bounds are attributes before opset 11 and optional
// inputs from opset 11 on (PyTorch's ReLU6 exports as Clip(0, 6)).
OpDef makeClipOp();

} // namespace ql
