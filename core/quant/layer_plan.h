#pragma once
// Layer plan: the model as the integer engine sees it, after layer fusion (spec §4).
//
// Each PlannedLayer is one unit that gets quantized as a whole and is named after its anchor
// node (the names the config JSON and the views use):
//   * Conv / Gemm / MatMul with constant weights, with a following BatchNormalization folded
//     into the weights (W' = W·γ/σ, B' = (B − μ)·γ/σ + β, σ = sqrt(var + ε)) and a following
//     Relu / Clip fused as a clamp on the output codes — when fusion is on;
//   * Add (residual) with a following Relu fused;
//   * every other node as a layer of its own (pooling, Flatten, Concat, Softmax, …).
// With fusion off, BatchNormalization and Relu/Clip stay layers of their own (and BN is then
// run as a float layer between a dequantize and a quantize boundary).
//
// The plan holds float weights only; quantizing them is the engine's job, so that the same
// plan serves every bit width the user tries.

#include <map>
#include <string>
#include <vector>

#include "core/graph.h"

namespace ql {

struct FusedActivation
{
    enum class Kind { None, Relu, Clip };
    Kind kind = Kind::None;
    float lo = 0.0f; // Clip bounds (Relu: lo = 0, hi = +inf)
    float hi = 0.0f;
    std::string nodeName; // the fused Relu/Clip node
};

struct PlannedLayer
{
    std::string name;   // anchor node name
    std::string opType; // anchor op type ("Conv", "Gemm", "MatMul", "Add", "MaxPool", ...)
    std::vector<int> nodeIndices;      // graph nodes covered, anchor first
    std::vector<std::string> inputs;   // activation inputs (non-constant tensors)
    std::string output;                // the tensor the last covered node produces
    int depth = 0;                     // position in the plan (0-based), for drift series

    // Layers with weights (Conv, Gemm, MatMul with a constant right operand):
    bool hasWeights = false;
    Tensor weight;             // folded float weights: Conv [O, I/group, kH, kW]; Gemm/MatMul [O, K]
    std::vector<float> bias;   // folded bias, size O (zeros when the model has none)
    std::string foldedBatchNorm; // name of the folded BN node, "" if none
    FusedActivation activation;

    int64_t macs = 0;   // per sample, summed over covered nodes
    int64_t params = 0; // learned parameters after folding (weights + bias)

    int64_t outChannels() const { return hasWeights ? weight.dim(0) : 0; }
    const Node& anchor(const Graph& g) const { return g.nodes.at(nodeIndices.front()); }
};

struct LayerPlan
{
    bool fusion = true;
    std::vector<PlannedLayer> layers;            // topological order
    std::map<std::string, int> layerByName;      // anchor name -> index
    std::map<std::string, int> layerByOutput;    // output tensor -> index

    const PlannedLayer* find(const std::string& name) const;
    std::vector<std::string> layerNames() const;
};

// Throws ql::Error if a weight layout is not understood (e.g. a Gemm with transA).
LayerPlan planLayers(const Model& model, bool fusion);

} // namespace ql
