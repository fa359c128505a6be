#include "core/ops/q_matmul_integer.h"

#include "core/ops/q_common.h"

namespace ql {

namespace {

enum Input { kA = 0, kB = 1, kAZeroPoint = 2, kBZeroPoint = 3 };

void runMatMulInteger(const Node& node, const std::vector<const Tensor*>& in,
                      std::vector<Tensor>& out, const RunControl&)
{
    const Tensor& a = qop::required(node, in, kA, "A");
    const Tensor& b = qop::required(node, in, kB, "B");
    const Tensor* a_zero_point = in.size() > kAZeroPoint ? in[kAZeroPoint] : nullptr;
    const Tensor* b_zero_point = in.size() > kBZeroPoint ? in[kBZeroPoint] : nullptr;
    qop::MatMulPlan plan;
    const std::vector<int64_t> acc =
        qop::matMulAccumulate(node, a, b, qop::zeroPointValues(a_zero_point),
                              qop::zeroPointValues(b_zero_point), AccumulatorMode::Int32, &plan);
    qop::ensureOutputs(out, 1);
    out[0] = Tensor::zeros(DType::Int32, plan.out);
    for (size_t i = 0; i < acc.size(); ++i)
        out[0].q[i] = static_cast<int32_t>(acc[i]); // already wrapped into int32 range
}

} // namespace

OpDef makeMatMulIntegerOp()
{
    OpDef def;
    def.opType = "MatMulInteger";
    def.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                         const std::vector<const Tensor*>&) {
        return std::vector<Shape>{qop::matMulOutputShape(node, in.at(kA), in.at(kB))};
    };
    def.macs = qop::matMulMacs;
    def.run = runMatMulInteger;
    return def;
}

} // namespace ql
