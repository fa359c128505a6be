#pragma once
// What the two JSON export formats (ORT TensorQuantOverrides, AIMET encodings) share: the
// quantized tensors of a QuantizedModel with the names the original ONNX file uses.

#include <string>
#include <vector>

#include "core/quant/engine.h"

namespace ql::enc {

struct NamedTensor
{
    std::string name;        // activation tensor name, or the weight initializer's name
    QuantParams params;      // per tensor, or per channel (axis 0 of the folded weight)
    TensorQuantConfig config;
    std::string layer;       // the layer that produces / owns it
    bool foldedBatchNorm = false; // weights: the scales refer to the BN-folded weight
};

// Activations in plan order of first appearance (graph inputs first), then weights in plan order.
std::vector<NamedTensor> activationTensors(const QuantizedModel& qm);
std::vector<NamedTensor> weightTensors(const QuantizedModel& qm);
// Node names of the layers that stay float (ORT's nodes_to_exclude, AIMET's excluded_layers).
std::vector<std::string> floatLayerNodes(const QuantizedModel& qm);

// Saves text atomically (QSaveFile); ql::Error "<path>: cannot write (<reason>)".
void saveText(const std::string& path, const std::string& text);

} // namespace ql::enc
