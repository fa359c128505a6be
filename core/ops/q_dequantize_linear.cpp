#include "core/ops/q_dequantize_linear.h"

#include "core/ops/q_common.h"
#include "core/quant/quant_params.h"

namespace ql {

namespace {

enum Input { kX = 0, kScale = 1, kZeroPoint = 2 };

void runDequantize(const Node& node, const std::vector<const Tensor*>& in,
                   std::vector<Tensor>& out, const RunControl&)
{
    const Tensor& x = qop::required(node, in, kX, "x");
    const Tensor& scale = qop::required(node, in, kScale, "x_scale");
    const Tensor* zero_point = in.size() > kZeroPoint ? in[kZeroPoint] : nullptr;
    if (!isIntegerCode(x.dtype))
        qop::fail(node, std::string("input must hold integer codes, got ") + dtypeName(x.dtype));
    int64_t inner = 1;
    const QuantParams params = qop::linearParams(node, x, scale, zero_point, x.dtype, &inner);
    qop::ensureOutputs(out, 1);
    out[0] = Tensor::zeros(DType::Float32, x.shape);
    dequantizeBuffer(x.q.data(), x.numel(), params, inner, out[0].f.data());
}

std::vector<Shape> sameShape(const Node&, const std::vector<Shape>& in,
                             const std::vector<const Tensor*>&)
{
    return {in.at(kX)};
}

} // namespace

OpDef makeDequantizeLinearOp()
{
    OpDef def;
    def.opType = "DequantizeLinear";
    def.inferShapes = sameShape;
    def.macs = [](const Node&) { return int64_t(0); };
    def.run = runDequantize;
    return def;
}

} // namespace ql
