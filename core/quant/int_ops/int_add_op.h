#pragma once
// Integer Add of two activations of one shape, each rescaled to the output (spec §4).

#include "core/quant/int_op.h"

namespace ql {

IntOpDef makeIntAddOp();

// The Add's float path with half-even rounding on n code pairs, on the kernel path activeIsa()
// chose (core/isa/add_kernel.inc, whose contract the caller checks: |Z_y| and the activation
// limits minus Z_y within ±2^30): out[i] = clamp(R(M_a·(a − Z_a) + M_b·(b − Z_b)) + Z_y),
// clip counts added to *low / *high.
void addHalfEvenOnActiveIsa(const int32_t* a, const int32_t* b, int64_t n, int32_t zero_a,
                            int32_t zero_b, double multiplier_a, double multiplier_b,
                            int32_t zero_point, int32_t activation_min, int32_t activation_max,
                            int32_t* out, int64_t* low, int64_t* high);

} // namespace ql
