#include "core/ops/q_dynamic_quantize_linear.h"

#include <algorithm>
#include <cmath>

#include "core/ops/op_utils.h"
#include "core/ops/q_common.h"
#include "core/quant/quant_params.h"

namespace ql {

namespace {

void runDynamicQuantize(const Node& node, const std::vector<const Tensor*>& in,
                        std::vector<Tensor>& out, const RunControl&)
{
    const Tensor& x = qop::required(node, in, 0, "x");
    const std::vector<float> values = qop::floatValues(x);
    float lo = 0.0f;
    float hi = 0.0f;
    for (float v : values) {
        lo = std::min(lo, v);
        hi = std::max(hi, v);
    }
    // The ONNX reference computes (hi − lo) / 255 in double and stores float32; the zero point
    // quotient is formed in double as well.
    const float scale = static_cast<float>((double(hi) - double(lo)) / 255.0);
    int32_t zero_point = 0;
    if (scale > 0.0f) {
        const double initial = std::clamp(0.0 - double(lo) / double(scale), 0.0, 255.0);
        zero_point = static_cast<int32_t>(std::nearbyint(initial));
    }
    qop::ensureOutputs(out, 3);
    out[0] = Tensor::zeros(DType::UInt8, x.shape);
    if (scale > 0.0f) {
        QuantParams params;
        params.scale = {scale};
        params.zeroPoint = {zero_point};
        params.qmin = 0;
        params.qmax = 255;
        QuantizeOptions opts;
        opts.rounding = RoundingMode::HalfEven;
        opts.scaleOp = ScaleOp::Divide;
        quantizeBuffer(values.data(), x.numel(), params, 1, out[0].q.data(), opts);
    }
    out[1] = Tensor::fromFloat({}, {scale});
    out[2] = Tensor::fromCodes(DType::UInt8, {}, {zero_point});
}

} // namespace

OpDef makeDynamicQuantizeLinearOp()
{
    OpDef def;
    def.opType = "DynamicQuantizeLinear";
    def.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                         const std::vector<const Tensor*>&) {
        if (in.empty() || node.inputs[0].empty())
            failNode(node, "needs input x"); // found by fuzz_onnx_loader: was out_of_range
        return std::vector<Shape>{in[0], Shape{}, Shape{}};
    };
    def.macs = [](const Node&) { return int64_t(0); };
    def.run = runDynamicQuantize;
    return def;
}

} // namespace ql
