#pragma once
// Integer Slice: the selected codes unchanged; (S, Z) pass through.

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntSliceOp();

} // namespace ql
