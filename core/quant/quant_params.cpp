#include "core/quant/quant_params.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace ql {

int32_t QuantSpec::qmin() const
{
    if (!isSigned)
        return 0;
    const int32_t lowest = -(int32_t(1) << (bits - 1));
    return narrowRange ? lowest + 1 : lowest;
}

int32_t QuantSpec::qmax() const
{
    return isSigned ? (int32_t(1) << (bits - 1)) - 1 : (int32_t(1) << bits) - 1;
}

namespace {

void checkSpec(const QuantSpec& spec)
{
    if (spec.bits < 2 || spec.bits > 16)
        throw Error("quantization bits " + std::to_string(spec.bits) + " is outside 2..16");
}

// One (S, Z) pair in float32, following PyTorch's _calculate_qparams line by line.
void chooseOne(float lo, float hi, const QuantSpec& spec, float* scale, int32_t* zero_point)
{
    const int32_t qmin = spec.qmin();
    const int32_t qmax = spec.qmax();
    if (!std::isfinite(lo) || !std::isfinite(hi) || lo > hi) {
        // No (or no usable) observation: the identity-ish default, like an empty observer.
        lo = 0.0f;
        hi = 0.0f;
    }
    // Zero must be representable (padding and ReLU rely on it).
    const float min_neg = std::min(lo, 0.0f);
    const float max_pos = std::max(hi, 0.0f);
    if (spec.scheme == QuantSpec::Scheme::Symmetric) {
        const float amax = std::max(-min_neg, max_pos);
        const float divisor = spec.divisor == QuantSpec::SymmetricDivisor::PyTorch
                                  ? float(qmax - qmin) / 2.0f
                                  : float(qmax);
        *scale = std::max(amax / divisor, FLT_EPSILON);
        // Signed: Z = 0. Unsigned: the mid code 2^(b−1) (PyTorch uses 128 for quint8).
        *zero_point = spec.isSigned ? 0 : (int32_t(1) << (spec.bits - 1));
        return;
    }
    *scale = std::max((max_pos - min_neg) / float(qmax - qmin), FLT_EPSILON);
    // torch.round is half-to-even; the quotient is float32.
    const float zp = float(qmin) - std::nearbyint(min_neg / *scale);
    *zero_point = static_cast<int32_t>(std::clamp(zp, float(qmin), float(qmax)));
}

} // namespace

QuantParams chooseQuantParams(float lo, float hi, const QuantSpec& spec)
{
    checkSpec(spec);
    QuantParams p;
    p.qmin = spec.qmin();
    p.qmax = spec.qmax();
    p.scale.resize(1);
    p.zeroPoint.resize(1);
    chooseOne(lo, hi, spec, &p.scale[0], &p.zeroPoint[0]);
    return p;
}

QuantParams chooseQuantParamsPerChannel(const std::vector<float>& lo, const std::vector<float>& hi,
                                        const QuantSpec& spec, int axis)
{
    checkSpec(spec);
    if (lo.size() != hi.size() || lo.empty())
        throw Error("per-channel ranges: need one (lo, hi) per channel");
    QuantParams p;
    p.axis = axis;
    p.qmin = spec.qmin();
    p.qmax = spec.qmax();
    p.scale.resize(lo.size());
    p.zeroPoint.resize(lo.size());
    for (size_t c = 0; c < lo.size(); ++c)
        chooseOne(lo[c], hi[c], spec, &p.scale[c], &p.zeroPoint[c]);
    return p;
}

void quantizeBuffer(const float* r, int64_t n, const QuantParams& params, int64_t inner,
                    int32_t* q, const QuantizeOptions& opts, ClipStats* clip)
{
    const int64_t channels = params.channels();
    if (channels < 1 || params.zeroPoint.size() != params.scale.size())
        throw Error("quantize: scale and zero point sizes differ");
    if (channels == 1)
        inner = n;
    if (inner < 1 || n % (channels * inner) != 0)
        throw Error("quantize: " + std::to_string(n) + " values do not split into " +
                    std::to_string(channels) + " channels");
    const int64_t qmin = params.qmin;
    const int64_t qmax = params.qmax;
    int64_t low = 0;
    int64_t high = 0;
    for (int64_t i = 0; i < n; ++i) {
        const int64_t channel = (i / inner) % channels;
        const float scale = params.scale[channel];
        const int64_t zero_point = params.zeroPoint[channel];
        // float32 product or quotient, exactly as the reference frameworks form it; the
        // rounding then sees the same float value they do.
        const float scaled = opts.scaleOp == ScaleOp::MultiplyInverse ? r[i] * (1.0f / scale)
                                                                       : r[i] / scale;
        const int64_t code = std::isnan(scaled)
                                 ? zero_point
                                 : roundedCode(scaled, zero_point, opts.rounding, opts.rng);
        if (code < qmin) {
            ++low;
            q[i] = static_cast<int32_t>(qmin);
        } else if (code > qmax) {
            ++high;
            q[i] = static_cast<int32_t>(qmax);
        } else {
            q[i] = static_cast<int32_t>(code);
        }
    }
    if (clip) {
        clip->total += n;
        clip->clippedLow += low;
        clip->clippedHigh += high;
    }
}

std::vector<int32_t> quantize(const std::vector<float>& r, const QuantParams& params, int64_t inner,
                              const QuantizeOptions& opts, ClipStats* clip)
{
    std::vector<int32_t> q(r.size());
    quantizeBuffer(r.data(), static_cast<int64_t>(r.size()), params, inner, q.data(), opts, clip);
    return q;
}

void dequantizeBuffer(const int32_t* q, int64_t n, const QuantParams& params, int64_t inner,
                      float* r)
{
    const int64_t channels = params.channels();
    if (channels < 1 || params.zeroPoint.size() != params.scale.size())
        throw Error("dequantize: scale and zero point sizes differ");
    if (channels == 1)
        inner = n;
    if (inner < 1 || n % (channels * inner) != 0)
        throw Error("dequantize: " + std::to_string(n) + " values do not split into " +
                    std::to_string(channels) + " channels");
    for (int64_t i = 0; i < n; ++i) {
        const int64_t channel = (i / inner) % channels;
        // (q − Z) is exact in int32 and, for |q − Z| ≤ 2^24, exact as float.
        r[i] = static_cast<float>(q[i] - params.zeroPoint[channel]) * params.scale[channel];
    }
}

std::vector<float> dequantize(const std::vector<int32_t>& q, const QuantParams& params,
                              int64_t inner)
{
    std::vector<float> r(q.size());
    dequantizeBuffer(q.data(), static_cast<int64_t>(q.size()), params, inner, r.data());
    return r;
}

std::vector<int32_t> quantizeBias(const std::vector<float>& bias, float inputScale,
                                  const std::vector<float>& weightScale, RoundingMode rounding,
                                  Rng* rng, ClipStats* clip)
{
    if (weightScale.size() != 1 && weightScale.size() != bias.size())
        throw Error("quantizeBias: need one weight scale or one per output channel");
    std::vector<int32_t> q(bias.size());
    ClipStats local;
    for (size_t o = 0; o < bias.size(); ++o) {
        const float scale = inputScale * weightScale[weightScale.size() == 1 ? 0 : o];
        const int64_t code = roundToInt(double(bias[o]) / double(scale), rounding, rng);
        if (code > std::numeric_limits<int32_t>::max()) {
            ++local.clippedHigh;
            q[o] = std::numeric_limits<int32_t>::max();
        } else if (code < std::numeric_limits<int32_t>::min()) {
            ++local.clippedLow;
            q[o] = std::numeric_limits<int32_t>::min();
        } else {
            q[o] = static_cast<int32_t>(code);
        }
    }
    local.total = static_cast<int64_t>(bias.size());
    if (clip)
        clip->merge(local);
    return q;
}

void channelMinMax(const float* r, int64_t channels, int64_t inner, std::vector<float>* lo,
                   std::vector<float>* hi)
{
    lo->assign(channels, 0.0f);
    hi->assign(channels, 0.0f);
    for (int64_t c = 0; c < channels; ++c) {
        float mn = std::numeric_limits<float>::infinity();
        float mx = -std::numeric_limits<float>::infinity();
        for (int64_t i = 0; i < inner; ++i) {
            const float v = r[c * inner + i];
            mn = std::min(mn, v);
            mx = std::max(mx, v);
        }
        (*lo)[c] = inner ? mn : 0.0f;
        (*hi)[c] = inner ? mx : 0.0f;
    }
}

} // namespace ql
