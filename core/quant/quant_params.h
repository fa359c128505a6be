#pragma once
// Quantization parameters of one tensor and the affine quantizer (spec §1):
//
//     q = clamp( R(r / S) + Z , qmin, qmax )        r' = S · (q − Z)
//
// Scales are float32 and all range arithmetic is done in float32, as PyTorch's observers do
// (torch.ao.quantization.observer._calculate_qparams), so that codes match PyTorch's.

#include <cstdint>
#include <vector>

#include "core/quant/rounding.h"

namespace ql {

struct QuantSpec
{
    enum class Scheme { Affine, Symmetric };
    // Symmetric scale divisor: PyTorch S = max|r| / ((qmax − qmin) / 2) (e.g. 127.5 for
    // int8), TFLite S = max|r| / qmax (127). QuantLens defaults to PyTorch's.
    enum class SymmetricDivisor { PyTorch, TFLite };

    int bits = 8;             // 2..16
    bool isSigned = true;
    bool narrowRange = false; // signed only: drop −2^(b−1) so that −qmax is representable
    Scheme scheme = Scheme::Affine;
    SymmetricDivisor divisor = SymmetricDivisor::PyTorch;

    int32_t qmin() const;
    int32_t qmax() const;
    bool operator==(const QuantSpec&) const = default;
};

struct QuantParams
{
    std::vector<float> scale;       // size 1 (per tensor) or one per channel along axis
    std::vector<int32_t> zeroPoint; // same size as scale
    int axis = -1;                  // -1 = per tensor; else the channel axis (0 for weights)
    int32_t qmin = 0;
    int32_t qmax = 255;

    bool perChannel() const { return scale.size() > 1 || axis >= 0; }
    int64_t channels() const { return static_cast<int64_t>(scale.size()); }
    bool operator==(const QuantParams&) const = default;
};

// S and Z for the range [lo, hi] (spec §1), in float32 like PyTorch:
//   affine:    lo' = min(lo, 0), hi' = max(hi, 0), S = (hi' − lo') / (qmax − qmin),
//              Z = clamp(qmin − round_half_even(lo' / S), qmin, qmax)
//   symmetric: S = max(−lo', hi') / divisor, Z = 0 (signed) or 2^(b−1) (unsigned)
// then S = max(S, FLT_EPSILON) — PyTorch's eps, which also makes a degenerate range
// (hi == lo, e.g. an all-zero tensor) safe.
QuantParams chooseQuantParams(float lo, float hi, const QuantSpec& spec);
// One (S, Z) per channel from per-channel ranges (axis 0 of a Conv/Gemm weight).
QuantParams chooseQuantParamsPerChannel(const std::vector<float>& lo, const std::vector<float>& hi,
                                        const QuantSpec& spec, int axis = 0);

// How r/S is formed. PyTorch (at::native::quantize_val, its AVX2 vectorised twin and
// FBGEMM's Quantize) multiplies by the float32 reciprocal: nearbyint(r * (1.0f / S)).
// ONNX (reference and ONNX Runtime's MlasQuantizeLinear) divides: nearbyint(r / S).
// The two differ on a few ties (r/S = 76.4999… vs r·(1/S) = 76.5).
enum class ScaleOp { MultiplyInverse, Divide };

// Values that hit qmin / qmax (the clip rate of spec §5). `total` counts every quantized value.
struct ClipStats
{
    int64_t total = 0;
    int64_t clippedLow = 0;  // R(r/S) + Z < qmin
    int64_t clippedHigh = 0; // R(r/S) + Z > qmax
    int64_t clipped() const { return clippedLow + clippedHigh; }
    double rate() const { return total ? double(clipped()) / double(total) : 0.0; }
    void merge(const ClipStats& o)
    {
        total += o.total;
        clippedLow += o.clippedLow;
        clippedHigh += o.clippedHigh;
    }
};

struct QuantizeOptions
{
    RoundingMode rounding = RoundingMode::HalfEven;
    Rng* rng = nullptr; // required for Stochastic (else half-even)
    ScaleOp scaleOp = ScaleOp::MultiplyInverse;
};

// Layout of a buffer for per-channel parameters: [outer, channels, inner] row-major, with
// channels = params.channels() (outer = numel / (channels · inner)). Per-tensor: inner is
// ignored. For a weight [O, ...] per-channel on axis 0: inner = numel / O.
//
// q = clamp(R(r ⊘ S) + Z, qmin, qmax); a value is counted as clipped when the unclamped code
// lies outside [qmin, qmax]. NaN quantizes to Z (counted unclipped).
void quantizeBuffer(const float* r, int64_t n, const QuantParams& params, int64_t inner,
                    int32_t* q, const QuantizeOptions& opts = {}, ClipStats* clip = nullptr);
std::vector<int32_t> quantize(const std::vector<float>& r, const QuantParams& params,
                              int64_t inner = 1, const QuantizeOptions& opts = {},
                              ClipStats* clip = nullptr);

// r' = S · (q − Z), float32 (as ONNX DequantizeLinear and PyTorch's dequantize).
void dequantizeBuffer(const int32_t* q, int64_t n, const QuantParams& params, int64_t inner,
                      float* r);
std::vector<float> dequantize(const std::vector<int32_t>& q, const QuantParams& params,
                              int64_t inner = 1);

// Bias codes of spec §3: b_q[o] = R( B[o] / (S_x · S_w[o]) ), int32 with zero point 0
// (S_w per tensor or per output channel; the product S_x · S_w[o] in float32, the division in
// double). Saturates to the int32 range, counting saturated values in clip if given.
std::vector<int32_t> quantizeBias(const std::vector<float>& bias, float inputScale,
                                  const std::vector<float>& weightScale,
                                  RoundingMode rounding = RoundingMode::HalfEven,
                                  Rng* rng = nullptr, ClipStats* clip = nullptr);

// Per-channel min/max of a [channels, inner] buffer (weights, axis 0).
void channelMinMax(const float* r, int64_t channels, int64_t inner, std::vector<float>* lo,
                   std::vector<float>* hi);

} // namespace ql
