#pragma once
// Integer Conv (spec §3 over im2col patches; grouped, depthwise, padding reads Z_x).

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntConvOp();

} // namespace ql
