#pragma once
// Integer AveragePool / GlobalAveragePool: integer sum, rounding divide (spec §4).

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntAveragePoolOp();

} // namespace ql
