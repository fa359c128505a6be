#include "core/ops/global_average_pool.h"

#include <algorithm>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

Shape pooledShape(const Node& node, const Shape& in)
{
    if (in.size() < 3)
        failNode(node, "input must be [N, C, spatial...], got " + shapeToString(in));
    Shape out = in;
    std::fill(out.begin() + 2, out.end(), 1);
    return out;
}

} // namespace

OpDef makeGlobalAveragePoolOp()
{
    OpDef op;
    op.opType = "GlobalAveragePool";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input X");
        return {pooledShape(node, in[0])};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, 0, "X");
        requireFloat(node, x, "X");
        Tensor y = Tensor::zeros(DType::Float32, pooledShape(node, x.shape));
        const int64_t planes = x.shape[0] * x.shape[1];
        const int64_t planeSize = planes ? x.numel() / planes : 0;
        // Y[n, c] = (1 / planeSize) * sum over the plane; summed in double so the mean of a
        // large plane does not depend on the order of float additions.
        for (int64_t plane = 0; plane < planes; ++plane) {
            double sum = 0.0;
            const float* values = x.f.data() + plane * planeSize;
            for (int64_t element = 0; element < planeSize; ++element)
                sum += values[element];
            y.f[plane] = static_cast<float>(sum / static_cast<double>(planeSize));
        }
        out[0] = std::move(y);
    };
    return op;
}

} // namespace ql
