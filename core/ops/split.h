#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Split: cuts `input` along `axis` (default 0) into the node's outputs. The part sizes
// come from input 1 (opset >= 13) or the `split` attribute (opset < 13); without either the
// axis is cut into equal parts, one per output. Any element type.
OpDef makeSplitOp();

} // namespace ql
