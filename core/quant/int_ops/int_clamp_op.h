#pragma once
// Integer Relu / Clip on codes: clamp to the codes of the bounds, (S, Z) unchanged (spec §4).

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntClampOp();

} // namespace ql
