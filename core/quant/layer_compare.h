#pragma once
// The error of one integer layer output against its FP32 reference (spec §5): the evaluator's
// propagated and local passes (evaluator.cpp) both measure through this.

#include <cstdint>

#include "core/quant/error_stats.h"
#include "core/quant/int_runtime.h"

namespace ql {

// e = r' − r of `value` (codes or floats) against `ref` over `rows` samples starting at global
// sample `first`, added to `acc` with the clip counts and the layer's accumulator overflows.
void compareWithReference(const RtValue& value, const Tensor& ref, int64_t first, int64_t rows,
                          const RtLayerStats& stats, ErrorAccumulator& acc);

} // namespace ql
