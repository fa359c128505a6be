#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Conv (1-D and 2-D): pads, auto_pad, strides, dilations, group, optional bias.
OpDef makeConvOp();

} // namespace ql
