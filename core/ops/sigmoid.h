#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Sigmoid: Y = 1 / (1 + exp(-X)).
OpDef makeSigmoidOp();

} // namespace ql
