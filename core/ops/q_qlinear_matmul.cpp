#include "core/ops/q_qlinear_matmul.h"

#include "core/ops/q_common.h"

namespace ql {

namespace {

enum Input {
    kA = 0, kAScale = 1, kAZeroPoint = 2,
    kB = 3, kBScale = 4, kBZeroPoint = 5,
    kYScale = 6, kYZeroPoint = 7,
};

void runQLinearMatMul(const Node& node, const std::vector<const Tensor*>& in,
                      std::vector<Tensor>& out, const RunControl&)
{
    const Tensor& a = qop::required(node, in, kA, "a");
    const Tensor& b = qop::required(node, in, kB, "b");
    const std::vector<float> a_scale = qop::floatValues(qop::required(node, in, kAScale, "a_scale"));
    const std::vector<float> b_scale = qop::floatValues(qop::required(node, in, kBScale, "b_scale"));
    const std::vector<float> y_scale = qop::floatValues(qop::required(node, in, kYScale, "y_scale"));
    const Tensor& y_zero_point_tensor = qop::required(node, in, kYZeroPoint, "y_zero_point");
    const std::vector<int32_t> a_zero_point = qop::zeroPointValues(in[kAZeroPoint]);
    const std::vector<int32_t> b_zero_point = qop::zeroPointValues(in[kBZeroPoint]);
    const std::vector<int32_t> y_zero_point = qop::zeroPointValues(&y_zero_point_tensor);
    if (a_scale.size() != 1 || y_scale.size() != 1 || y_zero_point.size() != 1)
        qop::fail(node, "a and y must be quantized per tensor");

    qop::MatMulPlan plan;
    const std::vector<int64_t> acc = qop::matMulAccumulate(
        node, a, b, a_zero_point, b_zero_point, AccumulatorMode::Int32, &plan);
    if (b_scale.size() != 1 && int64_t(b_scale.size()) != plan.N)
        qop::fail(node, "b_scale must be a scalar or have one value per column");

    // M[n] = (S_a · S_b[n]) / S_y, each operation in float32 as MLAS forms it.
    RequantParams requant;
    requant.mode = RequantMode::Float;
    requant.rounding = RoundingMode::HalfEven;
    for (float s : b_scale)
        requant.multiplier.push_back((a_scale[0] * s) / y_scale[0]);
    const DType code_type = y_zero_point_tensor.dtype;
    requant.outputZeroPoint = y_zero_point[0];
    requant.activationMin = qop::dtypeMin(code_type);
    requant.activationMax = qop::dtypeMax(code_type);

    qop::ensureOutputs(out, 1);
    out[0] = Tensor::zeros(code_type, plan.out);
    const int64_t matrices = static_cast<int64_t>(plan.aMatrix.size());
    // Columns are the channels of the multiplier: layout [matrices·M, N, 1].
    requantize(requant, acc.data(), matrices * plan.M, plan.N, 1, out[0].q.data());
}

} // namespace

OpDef makeQLinearMatMulOp()
{
    OpDef def;
    def.opType = "QLinearMatMul";
    def.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                         const std::vector<const Tensor*>&) {
        return std::vector<Shape>{qop::matMulOutputShape(node, in.at(kA), in.at(kB))};
    };
    def.macs = qop::matMulMacs;
    def.run = runQLinearMatMul;
    return def;
}

} // namespace ql
