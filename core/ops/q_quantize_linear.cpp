#include "core/ops/q_quantize_linear.h"

#include "core/ops/q_common.h"
#include "core/quant/quant_params.h"

namespace ql {

namespace {

enum Input { kX = 0, kScale = 1, kZeroPoint = 2 };

void runQuantize(const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                 const RunControl&)
{
    const Tensor& x = qop::required(node, in, kX, "x");
    const Tensor& scale = qop::required(node, in, kScale, "y_scale");
    const Tensor* zero_point = in.size() > kZeroPoint ? in[kZeroPoint] : nullptr;
    const DType code_type = qop::zeroPointType(zero_point, DType::UInt8);
    int64_t inner = 1;
    const QuantParams params = qop::linearParams(node, x, scale, zero_point, code_type, &inner);
    const std::vector<float> values = qop::floatValues(x);
    qop::ensureOutputs(out, 1);
    out[0] = Tensor::zeros(code_type, x.shape);
    // ONNX divides (x / S) and rounds half to even; MultiplyInverse would differ on ties.
    QuantizeOptions opts;
    opts.rounding = RoundingMode::HalfEven;
    opts.scaleOp = ScaleOp::Divide;
    quantizeBuffer(values.data(), x.numel(), params, inner, out[0].q.data(), opts);
}

std::vector<Shape> sameShape(const Node&, const std::vector<Shape>& in,
                             const std::vector<const Tensor*>&)
{
    return {in.at(kX)};
}

} // namespace

OpDef makeQuantizeLinearOp()
{
    OpDef def;
    def.opType = "QuantizeLinear";
    def.inferShapes = sameShape;
    def.macs = [](const Node&) { return int64_t(0); };
    def.run = runQuantize;
    return def;
}

} // namespace ql
