#include "core/quant/layer_compare.h"

#include <cmath>
#include <limits>
#include <string>

#include "core/error.h"

namespace ql {

// e = r' − r of one layer output over `rows` samples starting at global sample `first`.
// Clipping (ErrorStats::clipLowRate/HighRate) counts codes at qmin / qmax whose FP32 value lies
// beyond the representable range [S·(qmin − Z), S·(qmax − Z)] by more than half an LSB, i.e.
// values the quantizer really clipped. (The requantizer's own clamp counts also include the
// fused ReLU's max(Z_y, q), which is the activation, not a quantization error.)
// `scratch` holds the dequantized values (reused across calls: no allocation per layer).
void compareWithReference(const RtValue& value, const Tensor& ref, int64_t first, int64_t rows,
                          const RtLayerStats& stats, ErrorAccumulator& acc,
                          std::vector<float>& scratch)
{
    if (ref.dtype != DType::Float32 || (value.codes == false && value.data.dtype != DType::Float32))
        return;
    const int64_t n = ref.numel();
    if (value.data.numel() != n)
        throw Error("integer engine: output has " + std::to_string(value.data.numel()) +
                    " values, the FP32 reference " + std::to_string(n));
    const int64_t per = rows ? n / rows : 0;
    const int64_t overflows = stats.acc.overflows;
    if (!value.codes) {
        acc.add(ref.f.data(), value.data.f.data(), n, first * per, 0, 0, overflows);
        return;
    }
    const QuantParams& p = value.params;
    if (p.channels() != 1) { // activations are per tensor; kept for completeness
        const Tensor deq = IntRuntime::dequantize(value);
        acc.add(ref.f.data(), deq.f.data(), n, first * per, 0, 0, overflows);
        return;
    }
    // r' = S·(q − Z) as IntRuntime::dequantize forms it, and the clip counts, in one pass.
    // The bounds compare a float r with a double b; with b_f the smallest float ≥ b,
    // r < b ⟺ r < b_f (no float lies in [b, b_f)), and likewise above — so the loop stays in
    // float and vectorises.
    const float scale = p.scale[0];
    const int32_t zero_point = p.zeroPoint[0];
    const double below = double(scale) * (p.qmin - zero_point) - 0.5 * double(scale);
    const double above = double(scale) * (p.qmax - zero_point) + 0.5 * double(scale);
    auto ceilFloat = [](double b) {
        const auto f = static_cast<float>(b);
        return double(f) >= b ? f : std::nextafter(f, std::numeric_limits<float>::infinity());
    };
    auto floorFloat = [](double b) {
        const auto f = static_cast<float>(b);
        return double(f) <= b ? f : std::nextafter(f, -std::numeric_limits<float>::infinity());
    };
    const float below_f = ceilFloat(below);
    const float above_f = floorFloat(above);
    scratch.resize(static_cast<size_t>(n));
    const int32_t* q = value.data.q.data();
    const float* r = ref.f.data();
    float* d = scratch.data();
    const int32_t qmin = p.qmin, qmax = p.qmax;
    int64_t low = 0, high = 0;
    for (int64_t i = 0; i < n; ++i) {
        d[i] = static_cast<float>(q[i] - zero_point) * scale;
        low += (q[i] == qmin) & (r[i] < below_f);
        high += (q[i] == qmax) & (r[i] > above_f);
    }
    acc.add(r, d, n, first * per, low, high, overflows);
}

} // namespace ql
