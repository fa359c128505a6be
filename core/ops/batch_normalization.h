#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX BatchNormalization in inference mode (running statistics); training mode is rejected.
OpDef makeBatchNormalizationOp();

} // namespace ql
