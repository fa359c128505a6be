#pragma once
// Integer Split: each part gets the codes of its slab unchanged; every output keeps the input's (S, Z).

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntSplitOp();

} // namespace ql
