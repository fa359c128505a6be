#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX MaxPool (1-D and 2-D): kernel_shape, strides, pads, auto_pad, dilations, ceil_mode.
// The optional Indices output is not supported.
OpDef makeMaxPoolOp();

} // namespace ql
