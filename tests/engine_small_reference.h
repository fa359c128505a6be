#pragma once
// The tiny hand-built model of test_engine_small and the naive reference of the spec formulas
// (spec §1, §3, §4) its codes are compared with, loop by loop. Included by that test only.

#include <QtTest/QtTest>

#include <cmath>

#include "core/graph_passes.h"
#include "core/quant/engine.h"
#include "test_model_builders.h"

namespace engine_small {

using namespace ql;
using namespace ql::test;


Model tinyModel()
{
    Rng rng(20240601);
    Model m;
    m.path = "tiny";
    m.opset = 13;
    Graph& g = m.graph;
    g.inputs = {{"x", DType::Float32, {-1, 2, 5, 5}}};
    g.outputs = {{"probs", DType::Float32, {-1, 3}}};
    g.initializers["w1"] = randomTensor({4, 2, 3, 3}, rng, -0.5f, 0.5f);
    g.initializers["b1"] = randomTensor({4}, rng, -0.2f, 0.2f);
    g.initializers["gamma"] = randomTensor({4}, rng, 0.5f, 1.5f);
    g.initializers["beta"] = randomTensor({4}, rng, -0.1f, 0.3f);
    g.initializers["mean"] = randomTensor({4}, rng, -0.1f, 0.1f);
    g.initializers["var"] = randomTensor({4}, rng, 0.5f, 1.5f);
    g.initializers["w2"] = randomTensor({4, 4, 1, 1}, rng, -0.8f, 0.8f);
    g.initializers["b2"] = randomTensor({4}, rng, -0.2f, 0.2f);
    g.initializers["w3"] = randomTensor({3, 8}, rng, -1.0f, 1.0f);
    g.initializers["b3"] = randomTensor({3}, rng, -0.1f, 0.1f);
    g.initializers["clip_lo"] = Tensor::fromFloat({}, {-0.2f});
    g.initializers["clip_hi"] = Tensor::fromFloat({}, {0.25f});
    using I = std::vector<int64_t>;
    g.nodes = {
        makeNode("Conv", "conv1", {"x", "w1", "b1"}, {"c1"}, {{"pads", I{1, 1, 1, 1}}}),
        makeNode("BatchNormalization", "bn1", {"c1", "gamma", "beta", "mean", "var"}, {"n1"}),
        makeNode("Relu", "relu1", {"n1"}, {"r1"}),
        makeNode("Conv", "conv2", {"r1", "w2", "b2"}, {"c2"}),
        makeNode("Add", "add", {"r1", "c2"}, {"s"}),
        makeNode("Relu", "relu_add", {"s"}, {"a1"}),
        makeNode("Concat", "concat", {"a1", "c2"}, {"cat"}, {{"axis", int64_t(1)}}),
        makeNode("MaxPool", "maxpool", {"cat"}, {"mp"}, {{"kernel_shape", I{2, 2}}, {"strides", I{2, 2}}}),
        makeNode("Relu", "relu2", {"mp"}, {"mr"}),
        makeNode("AveragePool", "avgpool", {"mr"}, {"ap"}, {{"kernel_shape", I{2, 2}}}),
        makeNode("Flatten", "flatten", {"ap"}, {"fl"}),
        makeNode("Clip", "clip", {"fl", "clip_lo", "clip_hi"}, {"cl"}),
        makeNode("Gemm", "gemm", {"cl", "w3", "b3"}, {"logits"}, {{"transB", int64_t(1)}}),
        makeNode("Softmax", "softmax", {"logits"}, {"probs"}),
    };
    runShapePass(g, {});
    m.exits = orderExits(g);
    return m;
}

Dataset randomData(int64_t n, uint64_t seed)
{
    return ql::test::randomData({n, 2, 5, 5}, seed, -1.0f, 1.0f);
}

// ---- the naive reference (spec formulas, no engine code) ----------------------------------

int32_t clampCode(int64_t v, int64_t lo, int64_t hi) { return static_cast<int32_t>(std::clamp(v, lo, hi)); }

// R(acc·M): float path = nearbyint(float32(acc)·float32(M)); fixed_point half_even = the exact
// product acc·M0·2^(shift − 31) rounded once (long double holds it exactly here).
int64_t requant(int64_t acc, double M, bool fixed)
{
    if (!fixed)
        return static_cast<int64_t>(std::nearbyint(static_cast<float>(acc) * static_cast<float>(M)));
    const QuantizedMultiplier q = quantizeMultiplier(M);
    return static_cast<int64_t>(std::nearbyintl(static_cast<long double>(acc) * q.multiplier *
                                                std::pow(2.0L, q.shift - 31)));
}

// A Conv/Gemm's R(acc·M), M = S_x·S_w / S_y: the float path evaluates M in float32 as ONNX
// Runtime's QLinearConv does (`X_scale * W_scale / Y_scale`), the fixed-point path takes M0
// from the double quotient.
int64_t requantProduct(int64_t acc, float sx, float sw, float sy, bool fixed)
{
    if (!fixed)
        return static_cast<int64_t>(std::nearbyint(static_cast<float>(acc) * (sx * sw / sy)));
    return requant(acc, double(sx) * double(sw) / double(sy), true);
}

std::vector<int32_t> referenceQuantize(const Tensor& x, const QuantParams& p)
{
    std::vector<int32_t> q;
    for (float v : x.f) // PyTorch: nearbyint(r · (1/S)) + Z
        q.push_back(clampCode(int64_t(std::nearbyint(v * (1.0f / p.scale[0]))) + p.zeroPoint[0], p.qmin, p.qmax));
    return q;
}

std::vector<int32_t> referenceBias(const QuantizedLayer& L, const QuantParams& in)
{
    std::vector<int32_t> b;
    for (size_t o = 0; o < L.plan.bias.size(); ++o)
        b.push_back(int32_t(std::nearbyint(L.plan.bias[o] / (double(in.scale[0]) * L.weightParams.scale[o]))));
    return b;
}

// Conv, stride 1, square padding `pad`, padded taps read `padCode` (Z_x per the spec).
std::vector<int32_t> referenceConv(const QuantizedLayer& L, const TensorDump& in, const QuantParams& out,
                                   int pad, bool relu, bool fixed, int64_t padCode)
{
    const Shape& s = in.codes.shape;
    const Shape& ws = L.plan.weight.shape;
    const int64_t N = s[0], C = s[1], H = s[2], W = s[3], O = ws[0], K = ws[2];
    const int64_t OH = H + 2 * pad - K + 1, OW = W + 2 * pad - K + 1;
    const int64_t zx = in.params.zeroPoint[0], zy = out.zeroPoint[0];
    const std::vector<int32_t> bias = referenceBias(L, in.params);
    const int64_t amin = relu ? std::max<int64_t>(out.qmin, zy) : out.qmin;
    std::vector<int32_t> y;
    for (int64_t n = 0; n < N; ++n)
        for (int64_t o = 0; o < O; ++o)
            for (int64_t oy = 0; oy < OH; ++oy)
                for (int64_t ox = 0; ox < OW; ++ox) {
                    const int64_t zw = L.weightParams.zeroPoint[o];
                    int64_t acc = bias[o];
                    for (int64_t c = 0; c < C; ++c)
                        for (int64_t ky = 0; ky < K; ++ky)
                            for (int64_t kx = 0; kx < K; ++kx) {
                                const int64_t iy = oy - pad + ky, ix = ox - pad + kx;
                                const bool inside = iy >= 0 && iy < H && ix >= 0 && ix < W;
                                const int64_t xq = inside ? in.codes.q[((n * C + c) * H + iy) * W + ix] : padCode;
                                const int64_t wq = L.weightCodes[((o * C + c) * K + ky) * K + kx];
                                acc += (xq - zx) * (wq - zw);
                            }
                    y.push_back(clampCode(requantProduct(acc, in.params.scale[0], L.weightParams.scale[o],
                                                  out.scale[0], fixed) + zy,
                                          amin, out.qmax));
                }
    return y;
}

std::vector<int32_t> referenceGemm(const QuantizedLayer& L, const TensorDump& in, const QuantParams& out, bool fixed)
{
    const int64_t N = in.codes.shape[0], K = L.plan.weight.dim(1), O = L.plan.weight.dim(0);
    const std::vector<int32_t> bias = referenceBias(L, in.params);
    std::vector<int32_t> y;
    for (int64_t n = 0; n < N; ++n)
        for (int64_t o = 0; o < O; ++o) {
            int64_t acc = bias[o];
            for (int64_t k = 0; k < K; ++k)
                acc += (int64_t(in.codes.q[n * K + k]) - in.params.zeroPoint[0]) *
                       (int64_t(L.weightCodes[o * K + k]) - L.weightParams.zeroPoint[o]);
            y.push_back(clampCode(requantProduct(acc, in.params.scale[0], L.weightParams.scale[o],
                                          out.scale[0], fixed) + out.zeroPoint[0],
                                  out.qmin, out.qmax));
        }
    return y;
}

// y = Z_y + R(M_a(a − Z_a) + M_b(b − Z_b)), ReLU fused. Fixed: M_a, M_b as (M0, shift), exact sum
// rounded once.
std::vector<int32_t> referenceAdd(const TensorDump& a, const TensorDump& b, const QuantParams& out, bool fixed)
{
    const double ma = double(a.params.scale[0]) / out.scale[0], mb = double(b.params.scale[0]) / out.scale[0];
    const QuantizedMultiplier qa = quantizeMultiplier(ma), qb = quantizeMultiplier(mb);
    std::vector<int32_t> y;
    for (size_t i = 0; i < a.codes.q.size(); ++i) {
        const int64_t da = a.codes.q[i] - a.params.zeroPoint[0], db = b.codes.q[i] - b.params.zeroPoint[0];
        const long double v = fixed ? da * (long double)qa.value() + db * (long double)qb.value()
                                    : (long double)(ma * da + mb * db);
        const int64_t r = static_cast<int64_t>(std::nearbyintl(v));
        y.push_back(clampCode(r + out.zeroPoint[0], std::max(out.qmin, out.zeroPoint[0]), out.qmax));
    }
    return y;
}

void expectEqualCodes(const std::vector<int32_t>& got, const std::vector<int32_t>& want, const char* what)
{
    QVERIFY2(got.size() == want.size(), what);
    for (size_t i = 0; i < got.size(); ++i)
        if (got[i] != want[i])
            QFAIL(qPrintable(QString("%1: element %2: engine %3, reference %4").arg(what).arg(i).arg(got[i]).arg(want[i])));
}


} // namespace engine_small
