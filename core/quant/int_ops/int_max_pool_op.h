#pragma once
// Integer MaxPool: max on the codes, (S, Z) unchanged (spec §4).

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntMaxPoolOp();

} // namespace ql
