#pragma once
// Integer 2-D convolution (1-D as height 1): the GEMM of spec §4 ("Conv2d is the fully
// connected case over im2col patches"), run by one of three exact paths — a direct kernel for
// grouped/depthwise convs, the packed int16 or u8 × s8 GEMM (int_conv_packed.h) for dense convs
// whose centred codes fit int16 and whose int32 accumulation provably cannot overflow, and
// im2col + the int64-capable integer GEMM for everything else. All compute the same integers.
//
//   acc[n, o, oy, ox] = Σ_{c, ky, kx} (x[n, c, iy, ix] − Z_x) · (w[o, c, ky, kx] − Z_w[o]) + b[o]
//   iy = oy·stride_h − pad_top + ky·dilation_h,  ix = ox·stride_w − pad_left + kx·dilation_w
//
// with c running over the input channels of o's group. Positions outside the image read the
// code Z_x — the quantized zero — so that (x − Z_x) is 0 there, as zero padding is in float.
// Padding with the integer 0 instead would add (0 − Z_x)·(w − Z_w) terms at the borders.

#include <cstdint>
#include <vector>

#include "core/quant/int_gemm.h"

namespace ql {

struct PackedConvWeights; // int_conv_packed.h

struct ConvParams
{
    int64_t batch = 1;
    int64_t inChannels = 1;
    int64_t inHeight = 1;
    int64_t inWidth = 1;
    int64_t outChannels = 1;
    int64_t kernelHeight = 1;
    int64_t kernelWidth = 1;
    int64_t strideHeight = 1;
    int64_t strideWidth = 1;
    int64_t dilationHeight = 1;
    int64_t dilationWidth = 1;
    int64_t padTop = 0;
    int64_t padLeft = 0;
    int64_t padBottom = 0;
    int64_t padRight = 0;
    int64_t group = 1; // group == inChannels == outChannels: depthwise

    int32_t inputZeroPoint = 0;               // Z_x (also the padding code)
    std::vector<int32_t> weightZeroPoint{0};  // Z_w: size 1 or outChannels
    const int32_t* bias = nullptr;            // b[o], size outChannels; nullptr = none
    AccumulatorMode accumulator = AccumulatorMode::Auto;
    // Optional: packConvWeights(*this, w) of the very weights passed to intConv, done once per
    // layer (IntLayerPrep). Null — or packed for another shape or other zero points — and the
    // packed path packs them per call.
    const PackedConvWeights* packedWeights = nullptr;

    int64_t outHeight() const;
    int64_t outWidth() const;
    int64_t depthPerGroup() const { return inChannels / group * kernelHeight * kernelWidth; }
};

// The requantization intConv may run itself (the fused output stage): when the packed path
// applies, the params suit requantizeInt32Row (int_gemm.h) and the int32 bound holds with the
// bias, K · max|x − Z_x| · max|w − Z_w| + max|b| ≤ 2^31 − 1, the int32 GEMM results go straight
// to codes — the same codes and clip counts as requantize() on the int64 accumulators, which are
// then never formed (under every AccumulatorMode: within that bound none wraps or overflows).
struct ConvOutputStage
{
    const RequantParams* requant = nullptr;
    // [batch, outChannels, outHeight, outWidth] codes, appended in that order to an empty
    // vector (reserve the count: the rows are then written once, while in cache).
    std::vector<int32_t>* codes = nullptr;
    ClipStats* clip = nullptr; // optional
};

// x: [batch, inChannels, inHeight, inWidth] codes; w: [outChannels, inChannels/group, kH, kW];
// acc: [batch, outChannels, outHeight, outWidth]. Returns true when `output` (optional) ran and
// wrote the codes instead — acc is then left alone. Throws ql::Error on inconsistent params.
bool intConv(const ConvParams& params, const int32_t* x, const int32_t* w, int64_t* acc,
             AccumulatorStats* stats = nullptr, const ConvOutputStage* output = nullptr);

// The im2col matrix of one image and one group: [outHeight·outWidth, C_g·kH·kW], one patch per
// row, padded positions filled with Z_x.
void im2colPatches(const ConvParams& params, const int32_t* image, int64_t groupIndex,
                   std::vector<int32_t>* patches);

} // namespace ql
