#pragma once
// Integer ReduceMean: an integer sum of the centred codes and one rounding divide per output
// element; (S, Z) unchanged.

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntReduceMeanOp();

} // namespace ql
