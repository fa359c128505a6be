#pragma once
// Integer Expand: codes broadcast unchanged to the target shape; (S, Z) pass through.

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntExpandOp();

} // namespace ql
