#pragma once
// The packed GEMM paths of the integer Conv (int_conv.h), for intConv only: dense convs whose
// centred codes fit int16 and whose int32 accumulation provably cannot overflow run as an
// outer-product GEMM over a zero-bordered copy of each image — the int16 kernel
// (int16_gemm.h) or, with AVX-512 VNNI and byte-sized codes, the u8 × s8 kernel (u8s8_gemm.h)
// with the zero-point correction hoisted. Given an output stage (ConvOutputStage) and the
// int32 bound with the bias, the int32 results are requantized straight to codes.

#include <cstdint>

#include "core/quant/int_conv.h"

namespace ql {

// The extremes of n codes ({0, 0} for n = 0): an int32 min/max loop, which vectorises.
struct CodeRange
{
    int32_t min = 0, max = 0;
};
CodeRange codeRange(const int32_t* x, int64_t n);
// max_i |x[i] − zero_point| (0 for n = 0) = max(x_max − Z, Z − x_min).
int64_t maxAbsCentred(const int32_t* x, int64_t n, int64_t zero_point);

enum class PackedConvResult {
    NotApplicable, // nothing written: another path must run
    Accumulators,  // acc holds the exact Σ w̃·x̃ + b
    Codes,         // stage->out holds the requantized codes; acc untouched
};

struct PackedConvStats
{
    int64_t maxX = 0;   // max |x − Z_x| over the input
    int64_t maxW = 0;   // max |w − Z_w|
    int32_t maxAcc = 0; // Codes: the largest |acc|
    int64_t clipLow = 0, clipHigh = 0; // Codes: outputs clamped at activation_min / max
};

PackedConvResult packedConv(const ConvParams& p, const int32_t* x, const int32_t* w, int64_t* acc,
                            const ConvOutputStage* stage, PackedConvStats* stats);

} // namespace ql
