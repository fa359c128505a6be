#include "core/quant/layer_plan.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"

namespace ql {

namespace {

bool isGraphOutput(const Graph& g, const std::string& t)
{
    for (const ValueInfo& o : g.outputs)
        if (o.name == t)
            return true;
    return false;
}

// The single node that consumes `tensor`, if exactly one does and the tensor is not a graph
// output (fusing across a graph output would hide an exit's value).
int soleConsumer(const Graph& g, const std::string& tensor)
{
    if (isGraphOutput(g, tensor))
        return -1;
    const std::vector<int> c = g.consumers(tensor);
    return c.size() == 1 ? c.front() : -1;
}

std::vector<float> floatData(const Tensor& t)
{
    if (t.dtype == DType::Float32)
        return t.f;
    std::vector<float> out(static_cast<size_t>(t.numel()));
    for (int64_t i = 0; i < t.numel(); ++i)
        out[static_cast<size_t>(i)] = static_cast<float>(t.at(i));
    return out;
}

// Constant value of an optional input (initializer), or nullptr.
const Tensor* constInput(const Graph& g, const Node& n, size_t i)
{
    if (i >= n.inputs.size() || n.inputs[i].empty())
        return nullptr;
    return g.initializer(n.inputs[i]);
}

// Bias vector of length O from a tensor that broadcasts along the output channel
// (Gemm's C: scalar, [O] or [1, O]); empty when the shape does not broadcast that way.
std::vector<float> channelBias(const Tensor& c, int64_t O, float beta)
{
    std::vector<float> data = floatData(c);
    std::vector<float> bias(static_cast<size_t>(O));
    if (static_cast<int64_t>(data.size()) == 1)
        std::fill(bias.begin(), bias.end(), beta * data[0]);
    else if (static_cast<int64_t>(data.size()) == O && c.shape.back() == O)
        for (int64_t o = 0; o < O; ++o)
            bias[static_cast<size_t>(o)] = beta * data[static_cast<size_t>(o)];
    else
        return {};
    return bias;
}

// Fills weight/bias of a Conv, Gemm or MatMul whose right operand is constant.
// Gemm/MatMul weights are normalised to [O, K] so that acc[n,o] = Σ_k x[n,k]·w[o,k] (spec §3).
bool extractWeights(const Graph& g, const Node& n, PlannedLayer& L)
{
    if (n.opType == "Conv") {
        const Tensor* w = constInput(g, n, 1);
        if (!w || w->rank() != 4)
            return false;
        L.weight = Tensor::fromFloat(w->shape, floatData(*w));
        const int64_t O = w->dim(0);
        L.bias.assign(static_cast<size_t>(O), 0.0f);
        if (const Tensor* b = constInput(g, n, 2))
            L.bias = floatData(*b);
        return static_cast<int64_t>(L.bias.size()) == O;
    }
    if (n.opType == "Gemm" || n.opType == "MatMul") {
        const Tensor* b = constInput(g, n, 1);
        if (!b || b->rank() != 2 || g.initializer(n.inputs[0]))
            return false;
        const bool transA = n.opType == "Gemm" && n.attrInt("transA", 0) != 0;
        if (transA)
            return false; // activations would need a transpose: left in float
        const bool transB = n.opType == "Gemm" && n.attrInt("transB", 0) != 0;
        const float alpha = n.opType == "Gemm" ? n.attrFloat("alpha", 1.0f) : 1.0f;
        const int64_t K = transB ? b->dim(1) : b->dim(0);
        const int64_t O = transB ? b->dim(0) : b->dim(1);
        const std::vector<float> src = floatData(*b);
        std::vector<float> w(static_cast<size_t>(O * K));
        for (int64_t o = 0; o < O; ++o)
            for (int64_t k = 0; k < K; ++k)
                w[static_cast<size_t>(o * K + k)] =
                    alpha * src[static_cast<size_t>(transB ? o * K + k : k * O + o)];
        L.weight = Tensor::fromFloat({O, K}, std::move(w));
        L.bias.assign(static_cast<size_t>(O), 0.0f);
        if (n.opType == "Gemm")
            if (const Tensor* c = constInput(g, n, 2)) {
                L.bias = channelBias(*c, O, n.attrFloat("beta", 1.0f));
                if (L.bias.empty())
                    return false;
            }
        return true;
    }
    return false;
}

// Folds BatchNormalization (inference) into the layer's weights and bias, per output channel:
//   σ = sqrt(var + ε),  W'[o,…] = W[o,…]·γ[o]/σ[o],  B'[o] = (B[o] − μ[o])·γ[o]/σ[o] + β[o]
bool foldBatchNorm(const Graph& g, const Node& bn, PlannedLayer& L)
{
    const Tensor* gamma = constInput(g, bn, 1);
    const Tensor* beta = constInput(g, bn, 2);
    const Tensor* mean = constInput(g, bn, 3);
    const Tensor* var = constInput(g, bn, 4);
    const int64_t O = L.outChannels();
    if (!gamma || !beta || !mean || !var || gamma->numel() != O || beta->numel() != O ||
        mean->numel() != O || var->numel() != O)
        return false;
    const float eps = bn.attrFloat("epsilon", 1e-5f);
    const auto G = floatData(*gamma), Bt = floatData(*beta), Mu = floatData(*mean),
               V = floatData(*var);
    const int64_t perChannel = L.weight.numel() / O;
    // Float32 operations in PyTorch's order (torch.nn.utils.fuse_conv_bn_weights:
    // rsqrt first, then W·(γ·rsqrt), B' = (B − μ)·rsqrt·γ + β), so that the folded weights are
    // bit-identical to PyTorch's and a weight sitting on a rounding tie quantizes the same way.
    for (int64_t o = 0; o < O; ++o) {
        const size_t c = static_cast<size_t>(o);
        const float invStd = 1.0f / std::sqrt(V[c] + eps);
        const float factor = G[c] * invStd;
        for (int64_t j = 0; j < perChannel; ++j)
            L.weight.f[static_cast<size_t>(o * perChannel + j)] *= factor;
        L.bias[c] = (L.bias[c] - Mu[c]) * invStd * G[c] + Bt[c];
    }
    return true;
}

// Relu, or Clip with constant bounds, as a fused clamp.
bool activationOf(const Graph& g, const Node& n, FusedActivation& act)
{
    if (n.opType == "Relu") {
        act = {FusedActivation::Kind::Relu, 0.0f, std::numeric_limits<float>::infinity(), n.name};
        return true;
    }
    if (n.opType == "Clip") {
        float lo = n.attrFloat("min", -std::numeric_limits<float>::infinity());
        float hi = n.attrFloat("max", std::numeric_limits<float>::infinity());
        if (n.inputs.size() > 1 && !n.inputs[1].empty()) {
            const Tensor* t = constInput(g, n, 1);
            if (!t)
                return false;
            lo = static_cast<float>(t->at(0));
        }
        if (n.inputs.size() > 2 && !n.inputs[2].empty()) {
            const Tensor* t = constInput(g, n, 2);
            if (!t)
                return false;
            hi = static_cast<float>(t->at(0));
        }
        act = {FusedActivation::Kind::Clip, lo, hi, n.name};
        return true;
    }
    return false;
}

std::vector<std::string> activationInputs(const Graph& g, const Node& n)
{
    std::vector<std::string> out;
    for (const std::string& in : n.inputs)
        if (!in.empty() && !g.initializer(in))
            out.push_back(in);
    return out;
}

} // namespace

const PlannedLayer* LayerPlan::find(const std::string& name) const
{
    auto it = layerByName.find(name);
    return it == layerByName.end() ? nullptr : &layers[static_cast<size_t>(it->second)];
}

std::vector<std::string> LayerPlan::layerNames() const
{
    std::vector<std::string> names;
    for (const PlannedLayer& l : layers)
        names.push_back(l.name);
    return names;
}

LayerPlan planLayers(const Model& model, bool fusion)
{
    const Graph& g = model.graph;
    // A constant graph output (an initializer, also one left by constant folding) is fine
    // for the FP32 executor, which returns it as is, but no layer computes it, so there are no
    // activations to quantize or compare: refused here by name (it used to surface as
    // "internal error: map::at").
    for (const ValueInfo& output : g.outputs)
        if (g.initializer(output.name))
            throw Error(model.path + ": graph output '" + output.name +
                        "' is a constant (it does not depend on any input); the integer "
                        "engine quantizes computed outputs only");
    LayerPlan plan;
    plan.fusion = fusion;
    std::vector<bool> covered(g.nodes.size(), false);

    for (size_t i = 0; i < g.nodes.size(); ++i) {
        if (covered[i])
            continue;
        const Node& n = g.nodes[i];
        PlannedLayer L;
        L.name = n.name;
        L.opType = n.opType;
        L.nodeIndices = {static_cast<int>(i)};
        L.inputs = activationInputs(g, n);
        L.hasWeights = extractWeights(g, n, L);
        std::string out = n.outputs.empty() ? std::string() : n.outputs.front();

        if (fusion && L.hasWeights) {
            // MatMul followed by Add of a constant vector is PyTorch's Linear: the Add is the bias.
            if (n.opType == "MatMul") {
                const int c = soleConsumer(g, out);
                if (c >= 0 && g.nodes[c].opType == "Add" && g.nodes[c].inputs.size() == 2) {
                    const Node& add = g.nodes[c];
                    const std::string& other = add.inputs[0] == out ? add.inputs[1] : add.inputs[0];
                    if (const Tensor* b = g.initializer(other)) {
                        std::vector<float> bias = channelBias(*b, L.outChannels(), 1.0f);
                        if (!bias.empty()) {
                            L.bias = std::move(bias);
                            L.nodeIndices.push_back(c);
                            out = add.outputs.front();
                        }
                    }
                }
            }
            const int c = soleConsumer(g, out);
            if (c >= 0 && g.nodes[c].opType == "BatchNormalization" && foldBatchNorm(g, g.nodes[c], L)) {
                L.foldedBatchNorm = g.nodes[c].name;
                L.nodeIndices.push_back(c);
                out = g.nodes[c].outputs.front();
            }
        }
        if (fusion && (L.hasWeights || n.opType == "Add")) {
            const int c = soleConsumer(g, out);
            if (c >= 0 && activationOf(g, g.nodes[c], L.activation)) {
                L.nodeIndices.push_back(c);
                out = g.nodes[c].outputs.front();
            }
        }
        for (int idx : L.nodeIndices) {
            covered[static_cast<size_t>(idx)] = true;
            L.macs += g.nodes[static_cast<size_t>(idx)].macs;
        }
        if (L.hasWeights)
            L.params = L.weight.numel() + static_cast<int64_t>(L.bias.size());
        L.output = out;
        L.depth = static_cast<int>(plan.layers.size());
        plan.layerByName[L.name] = L.depth;
        plan.layerByOutput[L.output] = L.depth;
        plan.layers.push_back(std::move(L));
    }
    return plan;
}

} // namespace ql
