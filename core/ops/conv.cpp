#include "core/ops/conv.h"

#include "core/ops/conv_kernel.h"
#include "core/ops/op_utils.h"

// Conv, for output channel m of group g = m / (M / group):
//   Y[n, m, oy, ox] = B[m] + sum over in_channel c < C/group, filter_y, filter_x of
//       W[m, c, filter_y, filter_x] *
//       X[n, g * C/group + c, oy * stride_y - pad_top + filter_y * dilation_y,
//                             ox * stride_x - pad_left + filter_x * dilation_x]
// where X reads as 0 outside the input (zero padding).
//
// Stride 1 (the common 3×3 "same" conv, and 1×1): a GEMM straight over shifted views of the
// zero-padded image (conv_kernel.h), no im2col. Other geometries (stride 2, negative padding):
// im2col per image and group — a [C/group · kH · kW, outH · outW] matrix whose column is the
// receptive field of one output pixel — then the same per-ISA GEMM kernel with the group's
// filters as a [M/group, C/group · kH · kW] matrix. Both add each output's taps in k order
// from 0, then the bias, so a conv gives the same floats on every path and either way.
// Depthwise convs (one input and one output channel per group) run a direct loop: their GEMM
// would be a 1-row product.

namespace ql {

namespace {

enum ConvInput
{
    kX = 0,
    kW = 1,
    kB = 2
};

struct ConvDims
{
    int64_t batch, inChannels, inH, inW, outChannels, outH, outW, kH, kW;
    int64_t strideY, strideX, dilationY, dilationX, padTop, padLeft, group;
};

ConvDims convDims(const Node& node, const Shape& x, const Shape& w)
{
    if (x.size() < 3 || w.size() != x.size())
        failNode(node, "input " + shapeToString(x) + " and weights " + shapeToString(w) +
                           " must be [N, C, spatial...] and [M, C/group, kernel...]");
    const int64_t group = node.attrInt("group", 1);
    if (group < 1 || x[1] % group != 0 || w[0] % group != 0 || w[1] * group != x[1])
        failNode(node, "group " + std::to_string(group) + " does not fit input " +
                           shapeToString(x) + " and weights " + shapeToString(w));
    const std::vector<int64_t> kernel(w.begin() + 2, w.end());
    if (node.hasAttr("kernel_shape") && node.attrInts("kernel_shape") != kernel)
        failNode(node, "kernel_shape does not match the weights " + shapeToString(w));
    const WindowGeometry g = geometryAs2d(node, windowGeometry(node, x, kernel, false));
    return {x[0],           x[1],          g.inSize[0],   g.inSize[1],
            w[0],           g.outSize[0],  g.outSize[1],  g.kernel[0],
            g.kernel[1],    g.strides[0],  g.strides[1],  g.dilations[0],
            g.dilations[1], g.padBegin[0], g.padBegin[1], group};
}

// One output plane of a depthwise conv: a single input channel, a single kH x kW filter.
void depthwisePlane(const ConvDims& d, const float* plane, const float* filter, float bias,
                    float* out)
{
    for (int64_t out_y = 0; out_y < d.outH; ++out_y) {
        for (int64_t out_x = 0; out_x < d.outW; ++out_x) {
            float acc = bias;
            for (int64_t filter_y = 0; filter_y < d.kH; ++filter_y) {
                const int64_t in_y = out_y * d.strideY - d.padTop + filter_y * d.dilationY;
                if (in_y < 0 || in_y >= d.inH)
                    continue;
                for (int64_t filter_x = 0; filter_x < d.kW; ++filter_x) {
                    const int64_t in_x = out_x * d.strideX - d.padLeft + filter_x * d.dilationX;
                    if (in_x >= 0 && in_x < d.inW)
                        acc += plane[in_y * d.inW + in_x] * filter[filter_y * d.kW + filter_x];
                }
            }
            out[out_y * d.outW + out_x] = acc;
        }
    }
}

std::vector<Shape> inferConv(const Node& node, const std::vector<Shape>& in,
                             const std::vector<const Tensor*>&)
{
    if (in.size() < 2)
        failNode(node, "needs inputs X and W");
    const ConvDims d = convDims(node, in[kX], in[kW]);
    if (in.size() > kB && !in[kB].empty() && in[kB] != Shape{d.outChannels})
        failNode(node, "bias " + shapeToString(in[kB]) + " must be [" +
                           std::to_string(d.outChannels) + "]");
    Shape out{in[kX][0], d.outChannels};
    if (in[kX].size() == 4)
        out.push_back(d.outH);
    out.push_back(d.outW);
    return {out};
}

int64_t convMacs(const Node& node)
{
    // Each output element accumulates (C/group) * kH * kW products: W's dims after the first.
    if (node.outputShapes.empty() || node.inputShapes.size() < 2)
        return 0;
    const Shape& w = node.inputShapes[kW];
    if (!shapeKnown(w) || !shapeKnown(node.outputShapes[0]) || w.empty() || w[0] == 0)
        return 0;
    return noOverflow(node, checkedMul(numelOf(node.outputShapes[0]), numelOf(w) / w[0]),
                      "the MAC count (output x weights per output)");
}

void runConv(const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
             const RunControl& ctl)
{
    const Tensor& x = requireInput(node, in, kX, "X");
    const Tensor& w = requireInput(node, in, kW, "W");
    const Tensor* b = optionalInput(in, kB);
    requireFloat(node, x, "X");
    requireFloat(node, w, "W");
    if (b)
        requireFloat(node, *b, "B");
    const std::vector<Shape> shapes =
        inferConv(node, {x.shape, w.shape, b ? b->shape : Shape{}}, {});
    const ConvDims d = convDims(node, x.shape, w.shape);
    Tensor y = Tensor::zeros(DType::Float32, shapes[0]);

    const int64_t groupIn = d.inChannels / d.group;
    const int64_t groupOut = d.outChannels / d.group;
    const int64_t kernelSize = groupIn * d.kH * d.kW; // GEMM depth
    const int64_t outPlane = d.outH * d.outW;
    const int64_t inPlane = d.inH * d.inW;
    const bool depthwise = groupIn == 1 && groupOut == 1;
    // Stride 1 with non-negative padding (any dilation, 1×1 included): the shifted-view GEMM,
    // no im2col. The bottom/right padding is whatever gives windowGeometry's output size.
    const ShiftedConv geometry{groupIn,     d.inH,       d.inW,     d.outH,
                               d.outW,      d.kH,        d.kW,      d.dilationY,
                               d.dilationX, d.padTop,    d.padLeft,
                               d.outH + (d.kH - 1) * d.dilationY - d.inH - d.padTop,
                               d.outW + (d.kW - 1) * d.dilationX - d.inW - d.padLeft};
    const bool shifted = !depthwise && d.strideY == 1 && d.strideX == 1 &&
                         geometry.padTop >= 0 && geometry.padLeft >= 0 &&
                         geometry.padBottom >= 0 && geometry.padRight >= 0;
    const Im2colGeometry strided{d.inH,      d.inW,       d.outH,      d.outW,   d.strideY,
                                 d.strideX,  d.dilationY, d.dilationX, d.padTop, d.padLeft};
    std::vector<float> scratch; // padded image or im2col matrix, and the kernel's C

    for (int64_t image = 0; image < d.batch; ++image) {
        ctl.check();
        const float* xImage = x.f.data() + image * d.inChannels * inPlane;
        float* yImage = y.f.data() + image * d.outChannels * outPlane;
        if (depthwise) {
            for (int64_t channel = 0; channel < d.outChannels; ++channel)
                depthwisePlane(d, xImage + channel * inPlane, w.f.data() + channel * d.kH * d.kW,
                               b ? b->f[channel] : 0.0f, yImage + channel * outPlane);
            continue;
        }
        for (int64_t group = 0; group < d.group; ++group) {
            const float* groupInput = xImage + group * groupIn * inPlane;
            const float* filters = w.f.data() + group * groupOut * kernelSize;
            const float* bias = b ? b->f.data() + group * groupOut : nullptr;
            float* groupOutput = yImage + group * groupOut * outPlane;
            if (shifted)
                shiftedConv(geometry, groupOut, groupInput, filters, bias, groupOutput, scratch);
            else
                im2colConv(strided, groupIn, d.kH, d.kW, groupOut, groupInput, filters, bias,
                           groupOutput, scratch);
        }
    }
    out[0] = std::move(y);
}

} // namespace

OpDef makeConvOp()
{
    OpDef op;
    op.opType = "Conv";
    op.inferShapes = inferConv;
    op.macs = convMacs;
    op.run = runConv;
    op.paramInputs = std::vector<int>{kW, kB};
    return op;
}

} // namespace ql
