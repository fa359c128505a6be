#pragma once
// Builders shared by the engine tests that make their models in code (test_int_ops,
// test_int_ops_data, test_engine_small): random tensors and datasets from a seeded Rng,
// nodes, shape inference, and access to a quantized model's layers and dumped tensors.

#include <map>
#include <string>
#include <vector>

#include "core/graph_passes.h"
#include "core/quant/engine.h"

namespace ql::test {

inline Tensor randomTensor(Shape shape, Rng& rng, float lo, float hi)
{
    std::vector<float> v(static_cast<size_t>(numelOf(shape)));
    for (float& x : v)
        x = lo + static_cast<float>(rng.uniform()) * (hi - lo);
    return Tensor::fromFloat(std::move(shape), std::move(v));
}

inline Node makeNode(const std::string& op, const std::string& name, std::vector<std::string> in,
                     std::vector<std::string> out, std::map<std::string, AttrValue> attrs = {})
{
    Node n;
    n.opType = op;
    n.name = name;
    n.inputs = std::move(in);
    n.outputs = std::move(out);
    n.attrs = std::move(attrs);
    n.opset = 13;
    return n;
}

// Shapes inferred and exits ordered, as the importer leaves a model.
inline Model finish(Model m)
{
    runShapePass(m.graph, {});
    m.exits = orderExits(m.graph);
    return m;
}

inline Dataset datasetOf(Tensor images)
{
    Dataset d;
    d.root = "random";
    for (int64_t i = 0; i < images.shape.at(0); ++i) {
        d.files.push_back("img" + std::to_string(i));
        d.labels.push_back(-1);
    }
    d.images = std::move(images);
    return d;
}

inline Dataset randomData(Shape shape, uint64_t seed, float lo, float hi)
{
    Rng rng(seed);
    return datasetOf(randomTensor(std::move(shape), rng, lo, hi));
}

inline std::map<std::string, TensorDump> dumpByTensor(const QuantizedModel& qm, const Tensor& batch)
{
    std::map<std::string, TensorDump> out;
    for (TensorDump& d : dumpQuantizedTensors(qm, batch))
        out[d.tensor] = std::move(d);
    return out;
}

inline const QuantizedLayer& layerNamed(const QuantizedModel& qm, const std::string& name)
{
    return qm.layers.at(static_cast<size_t>(qm.plan.layerByName.at(name)));
}

} // namespace ql::test
