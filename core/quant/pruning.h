#pragma once
// Magnitude pruning (docs/mixed-precision.md): per layer, the given share of its weights with
// the smallest |w| are set to exactly 0 before quantization, so that pruning and quantization
// can be compared on accuracy per exit and on (sparse) model size.
//
// A Model transform, not a config field: pruneModel() returns a pruned copy and leaves the
// config schema alone. It prunes the anchor node's weight initializer (Conv W, Gemm/MatMul B)
// — the raw weights, before BatchNorm folding, as PyTorch's l1_unstructured prunes a module's
// weight; folding scales each output channel by γ/σ, so the zeros stay zeros. Ties in |w|
// are broken by position (the lower flat index is pruned first): deterministic.
// Symmetric weight quantization maps 0 to the code Z = 0 exactly, and an affine range always
// contains 0 (spec §1), so a pruned weight stays a zero code after quantization.

#include <map>
#include <string>
#include <vector>

#include "core/graph.h"

namespace ql {

struct PruneSpec
{
    double defaultSparsity = 0.0;           // share in [0, 1) for every layer with weights
    std::map<std::string, double> layers;   // per layer name (plan anchor), overrides the default
    bool fusion = true;                     // which layer plan names the layers
};

struct PrunedLayer
{
    std::string layer;
    std::string initializer;
    int64_t weights = 0;
    int64_t zerosBefore = 0;
    int64_t zerosAfter = 0;
    double sparsity() const { return weights ? double(zerosAfter) / double(weights) : 0.0; }
};

struct PrunedModel
{
    Model model;                     // the copy, with pruned initializers
    std::vector<PrunedLayer> layers; // plan order, layers with weights only
};

// Throws ql::Error for a sparsity outside [0, 1), a layer name the plan does not have, or a
// weight initializer that is not float32.
PrunedModel pruneModel(const Model& model, const PruneSpec& spec);

// Zeroes the round(sparsity · n) smallest-|w| values of `w` in place (ties: lower index first);
// returns how many values are zero afterwards.
int64_t pruneSmallest(std::vector<float>& w, double sparsity);

} // namespace ql
