#pragma once
// Integer Concat: every input requantized to the output's (S, Z) (spec §4).

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntConcatOp();

} // namespace ql
