#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Erf: Y = erf(X) (the Gauss error function; GELU is 0.5 x (1 + erf(x / sqrt 2))).
OpDef makeErfOp();

} // namespace ql
