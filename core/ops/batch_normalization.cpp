#include "core/ops/batch_normalization.h"

#include <cmath>

#include "core/ops/op_utils.h"

// Inference BatchNormalization, per channel c (dim 1):
//   Y = (X - mean[c]) / sqrt(var[c] + epsilon) * scale[c] + B[c]
// folded into one multiply-add per element: Y = X * a[c] + b[c] with
//   a[c] = scale[c] / sqrt(var[c] + epsilon),  b[c] = B[c] - mean[c] * a[c].

namespace ql {

namespace {

enum BatchNormInput
{
    kX = 0,
    kScale = 1,
    kBias = 2,
    kMean = 3,
    kVar = 4
};

void checkInferenceMode(const Node& node)
{
    if (node.attrInt("training_mode", 0) != 0)
        failNode(node, "training_mode = 1 is not supported (inference engine)");
    if (node.attrInt("spatial", 1) == 0)
        failNode(node, "spatial = 0 is not supported");
    for (size_t output = 1; output < node.outputs.size(); ++output)
        if (!node.outputs[output].empty())
            failNode(node, "training outputs (running mean/var) are not supported");
}

// sqrt(var + epsilon) must be a positive real: a negative variance (or epsilon) would make
// every output of that channel NaN, which the quantizer cannot range and the report would
// show as "+nan" instead of an error.
void checkVariance(const Node& node, const Tensor* var)
{
    const float epsilon = node.attrFloat("epsilon", 1e-5f);
    if (!std::isfinite(epsilon) || epsilon < 0.0f)
        failNode(node, "epsilon " + std::to_string(epsilon) + " must be finite and >= 0");
    if (!var || var->dtype != DType::Float32)
        return;
    for (size_t channel = 0; channel < var->f.size(); ++channel)
        if (!(var->f[channel] + epsilon > 0.0f))
            failNode(node, "variance of channel " + std::to_string(channel) + " is " +
                               std::to_string(var->f[channel]) +
                               " (var + epsilon must be > 0)");
}

std::vector<Shape> inferBatchNorm(const Node& node, const std::vector<Shape>& in,
                                  const std::vector<const Tensor*>& constIn)
{
    checkInferenceMode(node);
    checkVariance(node, optionalInput(constIn, kVar));
    if (in.size() < 5)
        failNode(node, "needs inputs X, scale, B, mean, var");
    if (in[kX].size() < 2)
        failNode(node, "input must be [N, C, ...], got " + shapeToString(in[kX]));
    const int64_t channels = in[kX][1];
    for (int input = kScale; input <= kVar; ++input)
        if (channels >= 0 && in[input] != Shape{channels})
            failNode(node, "parameter " + std::to_string(input) + " is " +
                               shapeToString(in[input]) + ", expected [" +
                               std::to_string(channels) + "]");
    return {in[kX]};
}

void runBatchNorm(const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                  const RunControl&)
{
    const char* names[] = {"X", "scale", "B", "mean", "var"};
    std::vector<Shape> shapes;
    for (int input = kX; input <= kVar; ++input) {
        requireFloat(node, requireInput(node, in, input, names[input]), names[input]);
        shapes.push_back(in[input]->shape);
    }
    inferBatchNorm(node, shapes, {});
    const Tensor& x = *in[kX];
    const float epsilon = node.attrFloat("epsilon", 1e-5f);
    const int64_t channels = x.shape[1];
    const int64_t inner = x.rank() > 2 ? numelOf(Shape(x.shape.begin() + 2, x.shape.end())) : 1;
    std::vector<float> a(channels), b(channels);
    for (int64_t channel = 0; channel < channels; ++channel) {
        a[channel] = in[kScale]->f[channel] / std::sqrt(in[kVar]->f[channel] + epsilon);
        b[channel] = in[kBias]->f[channel] - in[kMean]->f[channel] * a[channel];
    }
    // In place when the executor handed over X's storage (OpDef::inPlace), else on a copy.
    Tensor& y = out[0];
    if (&y != &x)
        y = x;
    const int64_t batch = y.shape[0];
    for (int64_t image = 0; image < batch; ++image)
        for (int64_t channel = 0; channel < channels; ++channel) {
            float* plane = y.f.data() + (image * channels + channel) * inner;
            for (int64_t element = 0; element < inner; ++element)
                plane[element] = plane[element] * a[channel] + b[channel];
        }
}

} // namespace

OpDef makeBatchNormalizationOp()
{
    OpDef op;
    op.opType = "BatchNormalization";
    op.inferShapes = inferBatchNorm;
    op.run = runBatchNorm;
    op.inPlace = true;
    op.paramInputs = std::vector<int>{kScale, kBias, kMean, kVar};
    return op;
}

} // namespace ql
