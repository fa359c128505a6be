#pragma once
// Integer Add of two activations of one shape, each rescaled to the output (spec §4).

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntAddOp();

} // namespace ql
