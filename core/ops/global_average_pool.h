#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX GlobalAveragePool: the mean of each [N, C] plane over all spatial dims.
OpDef makeGlobalAveragePoolOp();

} // namespace ql
