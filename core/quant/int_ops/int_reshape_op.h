#pragma once
// Flatten / Reshape / Identity / Dropout / Squeeze / Unsqueeze on codes: codes unchanged.

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntReshapeOp();

} // namespace ql
