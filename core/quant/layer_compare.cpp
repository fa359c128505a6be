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
void compareWithReference(const RtValue& value, const Tensor& ref, int64_t first, int64_t rows,
                          const RtLayerStats& stats, ErrorAccumulator& acc)
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
    // r' = S·(q − Z) as IntRuntime::dequantize forms it, and the clip counts, in one pass
    // (ErrorAccumulator::addCodes). The bounds compare a float r with a double b; with b_f the
    // smallest float ≥ b, r < b ⟺ r < b_f (no float lies in [b, b_f)), and likewise above —
    // so the kernel stays in float.
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
    CodeDequant dq;
    dq.scale = scale;
    dq.zeroPoint = zero_point;
    dq.qmin = p.qmin;
    dq.qmax = p.qmax;
    dq.below = ceilFloat(below);
    dq.above = floorFloat(above);
    acc.addCodes(ref.f.data(), value.data.q.data(), n, first * per, dq, overflows);
}

} // namespace ql
