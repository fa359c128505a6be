#pragma once
// Integer Gather (constant indices, not along the batch): the selected codes unchanged;
// (S, Z) pass through.

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntGatherOp();

} // namespace ql
