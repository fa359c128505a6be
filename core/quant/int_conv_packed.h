#pragma once
// The packed GEMM paths of the integer Conv (int_conv.h), for intConv only: dense convs whose
// centred codes fit int16 and whose int32 accumulation provably cannot overflow run as an
// outer-product GEMM over a zero-bordered copy of each image — the int16 kernel
// (int16_gemm.h) or, with AVX-512 VNNI and byte-sized codes, the u8 × s8 kernel (u8s8_gemm.h)
// with the zero-point correction hoisted. Given an output stage (ConvOutputStage) and the
// int32 bound with the bias, the int32 results are requantized straight to codes.

#include <cstdint>
#include <vector>

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

// The A operands of the packed GEMMs, built from the weights alone — so once per layer
// (IntRuntime's IntLayerPrep) instead of once per call: the centred weights w̃ = w − Z_w[o] of
// each output channel o over the group depth K, as int16 pairs [O][⌈K/2⌉] (packPair) when every
// w̃ fits int16, and as int8 quads [O][⌈K/4⌉] (packQuad) plus Σ_k w̃[o,k] when every w̃ fits
// int8 (the u8 × s8 path's hoisted correction is Z_x · Σ_k w̃[o,k]); odd tails pad with weight 0.
// With int8 weights and a channel count per group divisible by 4, also as channel quads
// [O][C_g/4 · kH · kW]: word (q, ky, kx) holds w̃[o, 4q + t, ky, kx] in byte t — the A operand
// of the stride-1 byte conv over a channel-quad image (int_conv_packed.cpp).
struct PackedConvWeights
{
    int64_t outChannels = 0, depth = 0;
    int64_t groupChannels = 0, kernelHeight = 0, kernelWidth = 0;
    std::vector<int32_t> zeroPoint;         // the Z_w they were centred with (size 1 or O)
    int64_t centredMin = 0, centredMax = 0; // extremes of w̃, 0 included
    std::vector<int32_t> pairs;             // empty when some |w̃| > 32767
    std::vector<int32_t> quads;             // empty when some w̃ ∉ [−128, 127]
    std::vector<int64_t> sums;              // with quads
    std::vector<int32_t> channelQuads;      // empty unless quads and C_g % 4 == 0
};
PackedConvWeights packConvWeights(const ConvParams& p, const int32_t* w);

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
