#include "core/ops/layer_normalization.h"

#include <cmath>

#include "core/ops/broadcast.h"
#include "core/ops/op_utils.h"

// Per row r of X viewed as [outer, inner] (inner = prod(dims >= axis)):
//   mean_r = sum_i x_ri / inner,  var_r = sum_i (x_ri - mean_r)^2 / inner   (population)
//   inv_r  = 1 / sqrt(var_r + epsilon)
//   y_ri   = (x_ri - mean_r) * inv_r * scale_i + bias_i
// Sums in double (two passes, so the variance never cancels catastrophically). Scale and B
// broadcast onto the normalised shape X.shape[axis:] (numpy rules, one direction).

namespace ql {

namespace {

enum LayerNormInput
{
    kX = 0,
    kScale = 1,
    kBias = 2
};

enum LayerNormOutput
{
    kY = 0,
    kMean = 1,
    kInvStdDev = 2
};

int64_t normalisedAxis(const Node& node, size_t rank)
{
    return normalizeAxis(node, node.attrInt("axis", -1), static_cast<int64_t>(rank));
}

Shape statsShape(const Shape& x, int64_t axis)
{
    Shape s = x;
    for (size_t d = static_cast<size_t>(axis); d < s.size(); ++d)
        s[d] = 1;
    return s;
}

// Per-element values of a Scale/B input over the normalised shape.
std::vector<float> perElement(const Node& node, const Tensor& t, const Shape& normalised,
                              const char* what)
{
    requireFloat(node, t, what);
    if (broadcastShapes(node, t.shape, normalised) != normalised)
        failNode(node, std::string(what) + " of shape " + shapeToString(t.shape) +
                           " does not broadcast to " + shapeToString(normalised));
    std::vector<float> values;
    for (int64_t index : broadcastSourceIndices(t.shape, normalised))
        values.push_back(t.f[index]);
    return values;
}

} // namespace

OpDef makeLayerNormalizationOp()
{
    OpDef op;
    op.opType = "LayerNormalization";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.size() < 2)
            failNode(node, "needs inputs X and Scale");
        if (node.attrInt("stash_type", 1) != 1)
            failNode(node, "stash_type other than float32 is not supported");
        const int64_t axis = normalisedAxis(node, in[kX].size());
        const Shape stats = statsShape(in[kX], axis);
        return {in[kX], stats, stats};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, kX, "X");
        requireFloat(node, x, "X");
        const int64_t axis = normalisedAxis(node, x.shape.size());
        const Shape normalised(x.shape.begin() + axis, x.shape.end());
        const std::vector<float> scale =
            perElement(node, requireInput(node, in, kScale, "Scale"), normalised, "Scale");
        const Tensor* biasInput = optionalInput(in, kBias);
        const std::vector<float> bias =
            biasInput ? perElement(node, *biasInput, normalised, "B")
                      : std::vector<float>(scale.size(), 0.0f);
        const float epsilon = node.attrFloat("epsilon", 1e-5f);
        const int64_t inner = numelOf(normalised);
        const int64_t outer = inner > 0 ? x.numel() / inner : 0;
        const Shape stats = statsShape(x.shape, axis);
        Tensor y = Tensor::zeros(DType::Float32, x.shape);
        Tensor mean = Tensor::zeros(DType::Float32, stats);
        Tensor invStdDev = Tensor::zeros(DType::Float32, stats);
        for (int64_t row = 0; row < outer; ++row) {
            const float* xr = x.f.data() + row * inner;
            double sum = 0.0;
            for (int64_t i = 0; i < inner; ++i)
                sum += xr[i];
            const double rowMean = sum / static_cast<double>(inner);
            double squares = 0.0;
            for (int64_t i = 0; i < inner; ++i)
                squares += (xr[i] - rowMean) * (xr[i] - rowMean);
            const double variance = squares / static_cast<double>(inner);
            const double inv = 1.0 / std::sqrt(variance + static_cast<double>(epsilon));
            float* yr = y.f.data() + row * inner;
            for (int64_t i = 0; i < inner; ++i)
                yr[i] = static_cast<float>((xr[i] - rowMean) * inv) * scale[i] + bias[i];
            mean.f[row] = static_cast<float>(rowMean);
            invStdDev.f[row] = static_cast<float>(inv);
        }
        out[kY] = std::move(y);
        if (out.size() > kMean)
            out[kMean] = std::move(mean);
        if (out.size() > kInvStdDev)
            out[kInvStdDev] = std::move(invStdDev);
    };
    return op;
}

} // namespace ql
