#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX AveragePool (1-D and 2-D): kernel_shape, strides, pads, auto_pad, ceil_mode,
// count_include_pad.
OpDef makeAveragePoolOp();

} // namespace ql
