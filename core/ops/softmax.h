#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Softmax: opset >= 13 normalises along one axis (default -1); earlier opsets coerce
// the input to 2-D [prod(dims < axis), prod(dims >= axis)] (default axis 1) and normalise rows.
OpDef makeSoftmaxOp();

} // namespace ql
