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

// One plane. A row of windows whose kH input rows all lie inside the input (every row but
// the padded borders) first takes the max over those rows, contiguously over the whole width
// (it vectorises), and then over the kW taps of each window in that row maximum: unchecked
// for the windows inside, clipped to the input for the padded ones at either end. The other
// rows clip every tap. Undilated windows inside take their horizontal max contiguously too:
// windowMax[j] = max(rowMax[j], …, rowMax[j + kW − 1]) in kW − 1 passes over the row, folded
// left to right as the tap loop folds (std::max keeps the first of equal values, so even the
// sign of a zero is the tap loop's), then window out_x reads windowMax[out_x·sX − padLeft].
template <typename T>
void maxPoolPlane(const WindowGeometry& g, const T* input, T* output, std::vector<T>& rowMax,
                  std::vector<T>& windowMax, T identity)
{
    const int64_t inH = g.inSize[0], inW = g.inSize[1], outH = g.outSize[0], outW = g.outSize[1];
    const int64_t kH = g.kernel[0], kW = g.kernel[1], sY = g.strides[0], sX = g.strides[1];
    const int64_t dY = g.dilations[0], dX = g.dilations[1];
    const int64_t padLeft = g.padBegin[1];
    // The maximum over the taps of window out_x that fall inside [0, inW) of `row`.
    const auto clippedMax = [&](const T* row, int64_t out_x, T best) {
        const int64_t x0 = out_x * sX - padLeft;
        for (int64_t filter_x = 0; filter_x < kW; ++filter_x) {
            const int64_t in_x = x0 + filter_x * dX;
            if (in_x >= 0 && in_x < inW)
                best = std::max(best, row[in_x]);
        }
        return best;
    };
    // Windows [first_inside, end_inside) have every tap inside the row.
    const int64_t first_inside = std::min(outW, (padLeft + sX - 1) / sX);
    int64_t end_inside = first_inside;
    while (end_inside < outW && end_inside * sX - padLeft + (kW - 1) * dX < inW)
        ++end_inside;
    rowMax.resize(static_cast<size_t>(inW));
    for (int64_t out_y = 0; out_y < outH; ++out_y) {
        const int64_t y0 = out_y * sY - g.padBegin[0];
        T* out_row = output + out_y * outW;
        if (y0 >= 0 && y0 + (kH - 1) * dY < inH) {
            // Every max starts from the identity as below, so a NaN tap is skipped the same way.
            std::fill(rowMax.begin(), rowMax.end(), identity);
            for (int64_t filter_y = 0; filter_y < kH; ++filter_y) {
                const T* row = input + (y0 + filter_y * dY) * inW;
                for (int64_t x = 0; x < inW; ++x)
                    rowMax[x] = std::max(rowMax[x], row[x]);
            }
            for (int64_t out_x = 0; out_x < first_inside; ++out_x)
                out_row[out_x] = clippedMax(rowMax.data(), out_x, identity);
            if (dX == 1 && kW > 1 && end_inside > first_inside) {
                // rowMax holds no NaN (every max started from the identity), so max(identity,
                // rowMax[j]) = rowMax[j] starts each fold.
                const int64_t width = inW - kW + 1;
                windowMax.resize(static_cast<size_t>(width));
                T* wm = windowMax.data();
                const T* rm = rowMax.data();
                for (int64_t j = 0; j < width; ++j)
                    wm[j] = std::max(rm[j], rm[j + 1]);
                for (int64_t filter_x = 2; filter_x < kW; ++filter_x)
                    for (int64_t j = 0; j < width; ++j)
                        wm[j] = std::max(wm[j], rm[j + filter_x]);
                for (int64_t out_x = first_inside; out_x < end_inside; ++out_x)
                    out_row[out_x] = wm[out_x * sX - padLeft];
            } else {
                for (int64_t out_x = first_inside; out_x < end_inside; ++out_x) {
                    const T* window = rowMax.data() + out_x * sX - padLeft;
                    T best = identity;
                    for (int64_t filter_x = 0; filter_x < kW; ++filter_x)
                        best = std::max(best, window[filter_x * dX]);
                    out_row[out_x] = best;
                }
            }
            for (int64_t out_x = end_inside; out_x < outW; ++out_x)
                out_row[out_x] = clippedMax(rowMax.data(), out_x, identity);
            continue;
        }
        for (int64_t out_x = 0; out_x < outW; ++out_x) {
            T best = identity;
            for (int64_t filter_y = 0; filter_y < kH; ++filter_y) {
                const int64_t in_y = y0 + filter_y * dY;
                if (in_y >= 0 && in_y < inH)
                    best = clippedMax(input + in_y * inW, out_x, best);
            }
            out_row[out_x] = best;
        }
    }
}

void runMaxPool(const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl& ctl)
{
    const Tensor& x = requireInput(node, in, 0, "X");
    requireFloat(node, x, "X");
    ctl.check();
    Tensor y;
    y.dtype = DType::Float32;
    y.shape = maxPool(node, x.shape, x.f.data(), y.f, -std::numeric_limits<float>::infinity());
    out[0] = std::move(y);
}

} // namespace

template <typename T>
Shape maxPool(const Node& node, const Shape& xShape, const T* x, std::vector<T>& y, T identity)
{
    const Shape outShape = inferMaxPool(node, {xShape}, {})[0];
    const WindowGeometry g = geometryAs2d(node, maxPoolGeometry(node, xShape));
    const int64_t planes = xShape[0] * xShape[1];
    const int64_t inPlane = g.inSize[0] * g.inSize[1], outPlane = g.outSize[0] * g.outSize[1];
    y.resize(static_cast<size_t>(planes * outPlane));
    std::vector<T> rowMax, windowMax;
    for (int64_t plane = 0; plane < planes; ++plane)
        maxPoolPlane(g, x + plane * inPlane, y.data() + plane * outPlane, rowMax, windowMax,
                     identity);
    return outShape;
}

template Shape maxPool<float>(const Node&, const Shape&, const float*, std::vector<float>&, float);
template Shape maxPool<int32_t>(const Node&, const Shape&, const int32_t*, std::vector<int32_t>&,
                                int32_t);

OpDef makeMaxPoolOp()
{
    OpDef op;
    op.opType = "MaxPool";
    op.inferShapes = inferMaxPool;
    op.run = runMaxPool;
    return op;
}

} // namespace ql
