#include "core/ops/q_conv_integer.h"

#include "core/ops/q_common.h"

namespace ql {

namespace {

enum Input { kX = 0, kW = 1, kXZeroPoint = 2, kWZeroPoint = 3 };

void runConvInteger(const Node& node, const std::vector<const Tensor*>& in,
                    std::vector<Tensor>& out, const RunControl&)
{
    const Tensor& x = qop::required(node, in, kX, "x");
    const Tensor& w = qop::required(node, in, kW, "w");
    const std::vector<int32_t> input_zero_point =
        qop::zeroPointValues(in.size() > kXZeroPoint ? in[kXZeroPoint] : nullptr);
    if (input_zero_point.size() != 1)
        qop::fail(node, "x_zero_point must be a scalar");
    ConvParams params = qop::convParams(node, x.shape, w.shape);
    params.inputZeroPoint = input_zero_point[0];
    params.weightZeroPoint =
        qop::zeroPointValues(in.size() > kWZeroPoint ? in[kWZeroPoint] : nullptr);
    params.accumulator = AccumulatorMode::Int32;
    std::vector<int64_t> acc(static_cast<size_t>(params.batch * params.outChannels *
                                                 params.outHeight() * params.outWidth()));
    intConv(params, x.q.data(), w.q.data(), acc.data());
    qop::ensureOutputs(out, 1);
    out[0] = Tensor::zeros(DType::Int32, qop::convOutputShape(node, x.shape, w.shape));
    for (size_t i = 0; i < acc.size(); ++i)
        out[0].q[i] = static_cast<int32_t>(acc[i]); // already wrapped into int32 range
}

} // namespace

OpDef makeConvIntegerOp()
{
    OpDef def;
    def.opType = "ConvInteger";
    def.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                         const std::vector<const Tensor*>&) {
        return std::vector<Shape>{qop::convOutputShape(node, in.at(kX), in.at(kW))};
    };
    def.macs = [](const Node& node) { return qop::convMacs(node, kW); };
    def.run = runConvInteger;
    return def;
}

} // namespace ql
