#pragma once
// Elementwise nonlinearities on codes as a code -> code lookup table (spec §4): Sigmoid,
// HardSigmoid, HardSwish, Tanh, Erf (GELU's core).

#include <cstdint>
#include <vector>

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntLookupOp();

// T[q − qmin_x] = clamp(Z_y + R(f(S_x·(q − Z_x)) / S_y), qmin_y, qmax_y) for every input code
// q ∈ [qmin_x, qmax_x], f the node's function evaluated in double. Deterministic rounding modes
// only (a table cannot hold stochastic draws). Throws ql::Error for an op without a function.
std::vector<int32_t> buildLookupTable(const Node& node, const QuantParams& input,
                                      const QuantParams& output, RoundingMode rounding);

} // namespace ql
