#pragma once
// Integer GEMM with zero points, and the requantization output stage (spec §3).
//
// For input codes x[n,k] (zero point Z_x[n]: one per tensor, or per row for ONNX
// MatMulInteger), weight codes w[o,k] (Z_w[o]: per tensor or per output channel) and an int32
// bias b[o] (zero point 0, scale S_x·S_w[o]):
//
//   acc[n,o] = Σ_k (x[n,k] − Z_x[n]) · (w[o,k] − Z_w[o]) + b[o]
//            = Σ_k x·w  −  Z_w[o]·Σ_k x[n,k]  −  Z_x[n]·Σ_k w[o,k]  +  K·Z_x[n]·Z_w[o]  +  b[o]
//
// The inner loop is the plain Σ x·w over raw codes (no zero point inside it); the row sums
// Σ_k x and column sums Σ_k w are computed once. 8-bit codes run through int16 operands with
// int32 partial sums over K chunks short enough that a partial sum cannot overflow
// (chunk · max|x| · max|w| ≤ 2^31 − 1), merged into int64 — the compiler turns that loop into
// pmaddwd-style instructions. Wider codes use int32 × int32 → int64. Either way the engine
// holds the EXACT accumulator in int64.
//
// Accumulator width (spec §3): products of two b-bit codes summed over K terms can leave the
// int32 range once K · 2^(2b−2) passes 2^31. AccumulatorMode decides what the layer reports:
//   Int64 — the exact value;
//   Int32 — what a 32-bit accumulator holds: the exact value wrapped modulo 2^32 (two's
//           complement). Wrap-around is a ring homomorphism, so an int32 register that wrapped
//           any number of times along the way ends with exactly this value: only the FINAL
//           value matters, and that is what the overflow count counts;
//   Auto  — int32 when overflow is impossible for these operands,
//           K · max|x − Z_x| · max|w − Z_w| + max|b| ≤ 2^31 − 1 (the spec's bound evaluated on
//           the actual codes), else int64. Auto therefore never wraps.
// AccumulatorStats::overflows counts final accumulators whose exact value lies outside
// [−2^31, 2^31 − 1], in every mode (under Int32 those are the wrong, wrapped results).

#include <cstdint>
#include <string>
#include <vector>

#include "core/quant/fixed_point.h"
#include "core/quant/quant_params.h"
#include "core/quant/rounding.h"

namespace ql {

enum class AccumulatorMode { Int32, Int64, Auto };
const char* accumulatorModeName(AccumulatorMode m); // "int32", "int64", "auto"
bool parseAccumulatorMode(const std::string& name, AccumulatorMode* out);

struct AccumulatorStats
{
    int64_t count = 0;     // accumulators produced
    int64_t overflows = 0; // exact final value outside the int32 range
    int64_t maxAbs = 0;    // largest exact |acc|
    bool int64Used = false; // results are int64 (forced, or Auto found int32 unsafe)

    void merge(const AccumulatorStats& o);
};

// Weights prepared once for the packed int16 kernel and reused by every intGemm call with the
// same w and weight zero points (IntRuntime keeps one per Gemm layer): for a Linear layer the
// weights outnumber a small batch's inputs many times, so re-packing them per call cost more
// than the multiplication.
struct PackedGemmWeights
{
    std::vector<int32_t> pairs; // [cols][⌈depth/2⌉] (w − Z_w[o]) pairs; empty: not int16
    int64_t maxAbs = 0;         // max |w − Z_w[o]|
};

struct GemmParams;
// cols, depth and weightZeroPoint of params describe w.
PackedGemmWeights packGemmWeights(const GemmParams& params, const int32_t* w);

struct GemmParams
{
    int64_t rows = 0;  // N
    int64_t cols = 0;  // O
    int64_t depth = 0; // K
    std::vector<int32_t> inputZeroPoint{0};  // Z_x: size 1 or rows
    std::vector<int32_t> weightZeroPoint{0}; // Z_w: size 1 or cols
    const int32_t* bias = nullptr;           // b[o], size cols; nullptr = no bias
    AccumulatorMode accumulator = AccumulatorMode::Auto;
    const PackedGemmWeights* packed = nullptr; // optional: packGemmWeights(*this, w)
};

// x: [rows, depth] row-major codes; w: [cols, depth] row-major (a Linear/Gemm weight, or one
// conv group's [O_g, C_g·kH·kW]); acc: [rows, cols] as described above. stats may be null.
void intGemm(const GemmParams& params, const int32_t* x, const int32_t* w, int64_t* acc,
             AccumulatorStats* stats = nullptr);

// Building blocks for other integer layers (conv, the quantized executor):
// the exact Σ (x − Z_x)(w − Z_w) without bias and without wrapping.
void intGemmExact(const GemmParams& params, const int32_t* x, const int32_t* w, int64_t* acc);
// max |code − zero_point| over a [rows, depth] buffer (zero point per row or per tensor).
int64_t maxAbsCentered(const int32_t* codes, int64_t rows, int64_t depth,
                       const std::vector<int32_t>& zero_point);
// Applies the accumulator mode to exact values: counts overflows, wraps when the effective
// mode is int32. `int32Safe` is the Auto decision (true = the bound holds).
void finishAccumulators(int64_t* acc, int64_t n, AccumulatorMode mode, bool int32Safe,
                        AccumulatorStats* stats);
// The Auto bound: K · max|x − Z_x| · max|w − Z_w| + max|b| ≤ 2^31 − 1 (no overflow possible).
bool int32AccumulatorSafe(int64_t depth, int64_t max_x, int64_t max_w, int64_t max_bias);

// --- Requantization stage -----------------------------------------------------------------
//
//   out = clamp( R(acc · M[c]) + Z_y , activation_min, activation_max )
//
// with M[c] = S_x · S_w[c] / S_y, c the output channel, and R the rounding mode, either
//   Float      — R(float32(acc) · M_f32[c]) (PyTorch / ONNX Runtime's float requantization;
//                for Conv/Gemm/MatMul M_f32 is floatProductMultiplier below, as theirs),
//   FixedPoint — multiplyByQuantizedMultiplier(acc, M[c]) (integer-only; see fixed_point.h).
// A fused ReLU/ReLU6/Clip is expressed by raising activation_min to Z_y (or the code of the
// lower bound) and lowering activation_max (spec §4).

enum class RequantMode { Float, FixedPoint };

// The float32 multiplier of a product layer, S_x·S_w / S_y computed in float32 with the product
// rounded before the quotient: the expression ONNX Runtime (QLinearConv, QGemm, QLinearMatMul:
// `X_scale * W_scale[i] / Y_scale`) and FBGEMM evaluate, so that the Float requantization gives
// their codes bit for bit. The double quotient rounded once to float32 differs from it by one
// ulp for some channels, which moves about 1 code in 10^5 by one step per layer; through
// ResNet-18's 20 layers that grew into 2.5 % of differing top-1 predictions against ONNX
// Runtime (README, "Deploying").
inline float floatProductMultiplier(float sx, float sw, float sy)
{
    const float product = sx * sw; // rounded to float32 here, as in ORT
    return product / sy;
}
const char* requantModeName(RequantMode m); // "float", "fixed_point"
bool parseRequantMode(const std::string& name, RequantMode* out);

struct RequantParams
{
    RequantMode mode = RequantMode::Float;
    std::vector<float> multiplier;                // M[c] as float32 (Float path); size 1 or C
    std::vector<QuantizedMultiplier> fixedMultiplier; // M[c] (FixedPoint path); same size
    int32_t outputZeroPoint = 0;
    int32_t activationMin = 0;
    int32_t activationMax = 255;
    RoundingMode rounding = RoundingMode::HalfEven;
    Rng* rng = nullptr; // for Stochastic

    // Fills both multiplier forms from exact (double) multipliers.
    void setMultipliers(const std::vector<double>& M);
    // A product layer's (Conv, Gemm, MatMul) multipliers M[c] = S_x·S_w[c] / S_y, with sw of
    // size 1 (per tensor) or M.size(): the fixed-point form from the exact double M (as TFLite
    // computes it), the float form as floatProductMultiplier(S_x, S_w[c], S_y).
    void setProductMultipliers(const std::vector<double>& M, float sx,
                               const std::vector<float>& sw, float sy);
};

// The output stage after the scaling, written once (requantize() and explainElement use it):
// code = R(acc·M) + Z_y before the clamp. `scaled` is saturated to int64; adding a 17-bit zero
// point cannot overflow except at the saturation limits, where the code is pushed just past
// the activation range so that the clamp (and its clip count) still sees the right side.
inline int64_t requantizedCodeUnclamped(int64_t scaled, int64_t output_zero_point,
                                        int64_t activation_min, int64_t activation_max)
{
    return scaled > INT64_MAX / 2   ? activation_max + 1
           : scaled < INT64_MIN / 2 ? activation_min - 1
                                    : scaled + output_zero_point;
}

// Whether requantizeInt32Row can run these params: the float mode with half-even rounding (the
// W8A8 default) and the per-ISA kernel's contract (|activation_min/max − Z_y| + 1 ≤ 2^24,
// |Z_y| ≤ 2^30).
bool requantizeInt32Applies(const RequantParams& params);
// One row of n accumulators of output channel `channel`, held EXACTLY in int32 (a fused output
// stage that proved the int32 bound): the same codes and clip counts as requantize() on the
// same values in int64. Adds the clipped counts to *low / *high and raises *max_abs to the
// largest |acc|.
void requantizeInt32Row(const RequantParams& params, int64_t channel, const int32_t* acc,
                        int64_t n, int32_t* out, int64_t* low, int64_t* high, int32_t* max_abs);

// acc laid out [outer, channels, inner] (Gemm output [N, O]: outer N, inner 1; Conv output
// [N, O, H·W]: outer N, inner H·W). channels must equal the multiplier count, or the
// multiplier is per tensor. clip (optional) counts outputs clamped at activation_min/max.
void requantize(const RequantParams& params, const int64_t* acc, int64_t outer, int64_t channels,
                int64_t inner, int32_t* out, ClipStats* clip = nullptr);

} // namespace ql
