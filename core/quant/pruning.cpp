// pruneModel() (pruning.h).

#include "core/quant/pruning.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "core/error.h"
#include "core/quant/layer_plan.h"

namespace ql {

int64_t pruneSmallest(std::vector<float>& w, double sparsity)
{
    const int64_t n = static_cast<int64_t>(w.size());
    const int64_t k = std::min<int64_t>(n, std::llround(sparsity * double(n)));
    if (k > 0) {
        std::vector<int64_t> order(static_cast<size_t>(n));
        std::iota(order.begin(), order.end(), int64_t{0});
        const auto smaller = [&](int64_t a, int64_t b) {
            const float fa = std::abs(w[static_cast<size_t>(a)]);
            const float fb = std::abs(w[static_cast<size_t>(b)]);
            return fa != fb ? fa < fb : a < b;
        };
        std::nth_element(order.begin(), order.begin() + (k - 1), order.end(), smaller);
        for (int64_t i = 0; i < k; ++i)
            w[static_cast<size_t>(order[static_cast<size_t>(i)])] = 0.0f;
    }
    return std::count(w.begin(), w.end(), 0.0f);
}

PrunedModel pruneModel(const Model& model, const PruneSpec& spec)
{
    auto check = [](double s, const std::string& what) {
        if (!(s >= 0.0 && s < 1.0))
            throw Error("pruning: sparsity " + std::to_string(s) + " for " + what +
                        " is outside [0, 1)");
    };
    check(spec.defaultSparsity, "the default");
    const LayerPlan plan = planLayers(model, spec.fusion);
    for (const auto& [name, s] : spec.layers) {
        check(s, name);
        const PlannedLayer* L = plan.find(name);
        if (!L || !L->hasWeights)
            throw Error("pruning: '" + name + "' is not a layer with weights");
    }
    PrunedModel out;
    out.model = model;
    Graph& g = out.model.graph;
    for (const PlannedLayer& L : plan.layers) {
        if (!L.hasWeights)
            continue;
        const Node& n = g.nodes.at(static_cast<size_t>(L.nodeIndices.front()));
        const auto it = g.initializers.find(n.inputs.at(1));
        if (it == g.initializers.end())
            continue;
        Tensor& w = it->second;
        if (w.dtype != DType::Float32)
            throw Error("pruning: the weights of '" + L.name + "' are " + dtypeName(w.dtype) +
                        ", not float32");
        const auto own = spec.layers.find(L.name);
        const double sparsity = own != spec.layers.end() ? own->second : spec.defaultSparsity;
        PrunedLayer p;
        p.layer = L.name;
        p.initializer = it->first;
        p.weights = w.numel();
        p.zerosBefore = std::count(w.f.begin(), w.f.end(), 0.0f);
        p.zerosAfter = pruneSmallest(w.f, sparsity);
        out.layers.push_back(p);
    }
    return out;
}

} // namespace ql
