#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Pad: constant, reflect and edge modes; pads as attribute (opset < 11) or input, with
// the optional constant_value and axes inputs. Negative pads crop.
OpDef makePadOp();

} // namespace ql
