#include "core/ops/max_pool.h"

#include <algorithm>
#include <limits>

#include "core/ops/op_utils.h"

// MaxPool: Y[n, c, oy, ox] = max over filter_y, filter_x of
//   X[n, c, oy * stride_y - pad_top + filter_y * dilation_y,
//           ox * stride_x - pad_left + filter_x * dilation_x]
// taken over the taps that fall inside the input (padding never wins: it is -infinity).

namespace ql {

namespace {

WindowGeometry maxPoolGeometry(const Node& node, const Shape& in)
{
    if (!node.hasAttr("kernel_shape"))
        failNode(node, "kernel_shape is required");
    for (size_t output = 1; output < node.outputs.size(); ++output)
        if (!node.outputs[output].empty())
            failNode(node, "the Indices output is not supported");
    return windowGeometry(node, in, {}, node.attrInt("ceil_mode", 0) != 0);
}

std::vector<Shape> inferMaxPool(const Node& node, const std::vector<Shape>& in,
                                const std::vector<const Tensor*>&)
{
    if (in.empty())
        failNode(node, "needs input X");
    const WindowGeometry g = maxPoolGeometry(node, in[0]);
    geometryAs2d(node, g); // rejects spatial ranks the kernel does not implement
    Shape out{in[0][0], in[0][1]};
    out.insert(out.end(), g.outSize.begin(), g.outSize.end());
    return {out};
}

void runMaxPool(const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl& ctl)
{
    const Tensor& x = requireInput(node, in, 0, "X");
    requireFloat(node, x, "X");
    const Shape outShape = inferMaxPool(node, {x.shape}, {})[0];
    const WindowGeometry g = geometryAs2d(node, maxPoolGeometry(node, x.shape));
    const int64_t inH = g.inSize[0], inW = g.inSize[1], outH = g.outSize[0], outW = g.outSize[1];
    const int64_t planes = x.shape[0] * x.shape[1];
    Tensor y = Tensor::zeros(DType::Float32, outShape);
    for (int64_t plane = 0; plane < planes; ++plane) {
        ctl.check();
        const float* input = x.f.data() + plane * inH * inW;
        float* output = y.f.data() + plane * outH * outW;
        for (int64_t out_y = 0; out_y < outH; ++out_y) {
            for (int64_t out_x = 0; out_x < outW; ++out_x) {
                float best = -std::numeric_limits<float>::infinity();
                for (int64_t filter_y = 0; filter_y < g.kernel[0]; ++filter_y) {
                    const int64_t in_y =
                        out_y * g.strides[0] - g.padBegin[0] + filter_y * g.dilations[0];
                    if (in_y < 0 || in_y >= inH)
                        continue;
                    for (int64_t filter_x = 0; filter_x < g.kernel[1]; ++filter_x) {
                        const int64_t in_x =
                            out_x * g.strides[1] - g.padBegin[1] + filter_x * g.dilations[1];
                        if (in_x >= 0 && in_x < inW)
                            best = std::max(best, input[in_y * inW + in_x]);
                    }
                }
                output[out_y * outW + out_x] = best;
            }
        }
    }
    out[0] = std::move(y);
}

} // namespace

OpDef makeMaxPoolOp()
{
    OpDef op;
    op.opType = "MaxPool";
    op.inferShapes = inferMaxPool;
    op.run = runMaxPool;
    return op;
}

} // namespace ql
