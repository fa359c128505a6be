#include "core/ops/average_pool.h"

#include <algorithm>

#include "core/ops/op_utils.h"

// AveragePool: Y[n, c, oy, ox] = sum of the window's taps inside the input / divisor, where
// the window rows are [oy * stride_y - pad_top, + kernel_h) (columns likewise) and
//   count_include_pad = 0: divisor = number of taps inside the input
//   count_include_pad = 1: divisor = number of taps inside the padded input
//                          [-pad_begin, in + pad_end), as PyTorch computes it (a ceil_mode
//                          window running past the end padding is not charged for it).

namespace ql {

namespace {

WindowGeometry averagePoolGeometry(const Node& node, const Shape& in)
{
    if (!node.hasAttr("kernel_shape"))
        failNode(node, "kernel_shape is required");
    const std::vector<int64_t> dilations = node.attrInts("dilations");
    if (std::any_of(dilations.begin(), dilations.end(), [](int64_t d) { return d != 1; }))
        failNode(node, "dilations are not supported");
    return windowGeometry(node, in, {}, node.attrInt("ceil_mode", 0) != 0);
}

std::vector<Shape> inferAveragePool(const Node& node, const std::vector<Shape>& in,
                                    const std::vector<const Tensor*>&)
{
    if (in.empty())
        failNode(node, "needs input X");
    const WindowGeometry g = averagePoolGeometry(node, in[0]);
    geometryAs2d(node, g); // rejects spatial ranks the kernel does not implement
    Shape out{in[0][0], in[0][1]};
    out.insert(out.end(), g.outSize.begin(), g.outSize.end());
    return {out};
}

void runAveragePool(const Node& node, const std::vector<const Tensor*>& in,
                    std::vector<Tensor>& out, const RunControl& ctl)
{
    const Tensor& x = requireInput(node, in, 0, "X");
    requireFloat(node, x, "X");
    const Shape outShape = inferAveragePool(node, {x.shape}, {})[0];
    const WindowGeometry g = geometryAs2d(node, averagePoolGeometry(node, x.shape));
    const bool countPad = node.attrInt("count_include_pad", 0) != 0;
    const int64_t inH = g.inSize[0], inW = g.inSize[1], outH = g.outSize[0], outW = g.outSize[1];
    const int64_t planes = x.shape[0] * x.shape[1];
    Tensor y = Tensor::zeros(DType::Float32, outShape);
    for (int64_t plane = 0; plane < planes; ++plane) {
        ctl.check();
        const float* input = x.f.data() + plane * inH * inW;
        float* output = y.f.data() + plane * outH * outW;
        for (int64_t out_y = 0; out_y < outH; ++out_y) {
            // Window rows in padded coordinates, then clipped to the input.
            const int64_t rowStart = out_y * g.strides[0] - g.padBegin[0];
            const int64_t rowEnd = std::min(rowStart + g.kernel[0], inH + g.padEnd[0]);
            const int64_t firstRow = std::max<int64_t>(rowStart, 0);
            const int64_t lastRow = std::min(rowEnd, inH);
            for (int64_t out_x = 0; out_x < outW; ++out_x) {
                const int64_t colStart = out_x * g.strides[1] - g.padBegin[1];
                const int64_t colEnd = std::min(colStart + g.kernel[1], inW + g.padEnd[1]);
                const int64_t firstCol = std::max<int64_t>(colStart, 0);
                const int64_t lastCol = std::min(colEnd, inW);
                float sum = 0.0f;
                for (int64_t in_y = firstRow; in_y < lastRow; ++in_y)
                    for (int64_t in_x = firstCol; in_x < lastCol; ++in_x)
                        sum += input[in_y * inW + in_x];
                const int64_t divisor = countPad ? (rowEnd - rowStart) * (colEnd - colStart)
                                                 : (lastRow - firstRow) * (lastCol - firstCol);
                output[out_y * outW + out_x] = divisor > 0 ? sum / divisor : 0.0f;
            }
        }
    }
    out[0] = std::move(y);
}

} // namespace

OpDef makeAveragePoolOp()
{
    OpDef op;
    op.opType = "AveragePool";
    op.inferShapes = inferAveragePool;
    op.run = runAveragePool;
    return op;
}

} // namespace ql
