#include "core/ops/q_qlinear_conv.h"

#include "core/ops/q_common.h"

namespace ql {

namespace {

enum Input {
    kX = 0, kXScale = 1, kXZeroPoint = 2,
    kW = 3, kWScale = 4, kWZeroPoint = 5,
    kYScale = 6, kYZeroPoint = 7, kBias = 8,
};

void runQLinearConv(const Node& node, const std::vector<const Tensor*>& in,
                    std::vector<Tensor>& out, const RunControl&)
{
    const Tensor& x = qop::required(node, in, kX, "x");
    const Tensor& w = qop::required(node, in, kW, "w");
    const std::vector<float> x_scale = qop::floatValues(qop::required(node, in, kXScale, "x_scale"));
    const std::vector<float> w_scale = qop::floatValues(qop::required(node, in, kWScale, "w_scale"));
    const std::vector<float> y_scale = qop::floatValues(qop::required(node, in, kYScale, "y_scale"));
    const Tensor& y_zero_point_tensor = qop::required(node, in, kYZeroPoint, "y_zero_point");
    const std::vector<int32_t> x_zero_point = qop::zeroPointValues(in[kXZeroPoint]);
    const std::vector<int32_t> y_zero_point = qop::zeroPointValues(&y_zero_point_tensor);
    const Tensor* bias = in.size() > kBias ? in[kBias] : nullptr;
    if (x_scale.size() != 1 || x_zero_point.size() != 1 || y_scale.size() != 1 ||
        y_zero_point.size() != 1)
        qop::fail(node, "x and y must be quantized per tensor");

    ConvParams params = qop::convParams(node, x.shape, w.shape);
    params.inputZeroPoint = x_zero_point[0];
    params.weightZeroPoint = qop::zeroPointValues(in[kWZeroPoint]);
    params.accumulator = AccumulatorMode::Int32;
    if (w_scale.size() != 1 && int64_t(w_scale.size()) != params.outChannels)
        qop::fail(node, "w_scale must be a scalar or have one value per output channel");
    if (bias && bias->numel() > 0) {
        if (bias->numel() != params.outChannels)
            qop::fail(node, "bias must have one value per output channel");
        params.bias = bias->q.data();
    }
    const int64_t positions = params.outHeight() * params.outWidth();
    std::vector<int64_t> acc(static_cast<size_t>(params.batch * params.outChannels * positions));
    intConv(params, x.q.data(), w.q.data(), acc.data());

    RequantParams requant;
    requant.mode = RequantMode::Float;
    requant.rounding = RoundingMode::HalfEven;
    for (float s : w_scale)
        requant.multiplier.push_back((x_scale[0] * s) / y_scale[0]);
    const DType code_type = y_zero_point_tensor.dtype;
    requant.outputZeroPoint = y_zero_point[0];
    requant.activationMin = qop::dtypeMin(code_type);
    requant.activationMax = qop::dtypeMax(code_type);

    qop::ensureOutputs(out, 1);
    out[0] = Tensor::zeros(code_type, qop::convOutputShape(node, x.shape, w.shape));
    requantize(requant, acc.data(), params.batch, params.outChannels, positions, out[0].q.data());
}

} // namespace

OpDef makeQLinearConvOp()
{
    OpDef def;
    def.opType = "QLinearConv";
    def.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                         const std::vector<const Tensor*>&) {
        return std::vector<Shape>{qop::convOutputShape(node, in.at(kX), in.at(kW))};
    };
    def.macs = [](const Node& node) { return qop::convMacs(node, kW); };
    def.run = runQLinearConv;
    return def;
}

} // namespace ql
