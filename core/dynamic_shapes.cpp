#include "core/dynamic_shapes.h"

#include <algorithm>

#include "core/error.h"
#include "core/graph_passes.h"
#include "core/op_registry.h"
#include "core/ops/op_utils.h"

namespace ql {

namespace {

// Values larger than this are data, not shape arithmetic.
constexpr int64_t kMaxShapeValueElements = 4096;

struct ShapeRun
{
    std::map<std::string, Shape> shapes;
    std::map<std::string, Tensor> values;
};

// Shapes of every tensor with symbolic input dims set to `batch`, and the values of every
// node computable from initializers and shapes alone (evaluated with the FP32 ops).
ShapeRun runAtBatch(const Graph& g, int64_t batch)
{
    ShapeRun run;
    for (const ValueInfo& input : g.inputs) {
        Shape shape = input.shape;
        std::replace_if(
            shape.begin(), shape.end(), [](int64_t d) { return d < 0; }, batch);
        run.shapes[input.name] = shape;
    }
    for (const auto& [name, tensor] : g.initializers)
        run.shapes[name] = tensor.shape;
    for (const Node& node : g.nodes) {
        const OpDef* op = findOp(node.opType);
        if (!op)
            continue;
        std::vector<Shape> inShapes(node.inputs.size());
        std::vector<const Tensor*> in(node.inputs.size(), nullptr);
        std::vector<Tensor> carriers(node.inputs.size());
        bool shapesKnown = true, valuesKnown = true;
        for (size_t i = 0; i < node.inputs.size(); ++i) {
            const std::string& name = node.inputs[i];
            if (name.empty())
                continue;
            auto shape = run.shapes.find(name);
            if (shape == run.shapes.end()) {
                shapesKnown = valuesKnown = false;
                break;
            }
            inShapes[i] = shape->second;
            if (const Tensor* t = g.initializer(name)) {
                in[i] = t;
            } else if (auto v = run.values.find(name); v != run.values.end()) {
                in[i] = &v->second;
            } else if (node.opType == "Shape" && i == 0) {
                carriers[i].shape = shape->second; // Shape reads only the shape
                in[i] = &carriers[i];
            } else {
                valuesKnown = false;
            }
            if (in[i] && in[i] != &carriers[i] && in[i]->numel() > kMaxShapeValueElements)
                valuesKnown = false;
        }
        if (!shapesKnown)
            continue;
        if (keptUnfolded(node))
            valuesKnown = false; // its shape flows on, its value is never folded
        std::vector<Shape> outShapes;
        std::vector<Tensor> outValues;
        try {
            outShapes = op->inferShapes(node, inShapes, in);
            if (valuesKnown) {
                outValues.resize(node.outputs.size());
                op->run(node, in, outValues, RunControl{});
            }
        } catch (const Error&) {
            continue; // unknown at this batch; the real run decides
        }
        for (size_t k = 0; k < node.outputs.size(); ++k) {
            if (node.outputs[k].empty())
                continue;
            if (k < outValues.size() && outValues[k].numel() <= kMaxShapeValueElements) {
                run.shapes[node.outputs[k]] = outValues[k].shape;
                run.values[node.outputs[k]] = std::move(outValues[k]);
            } else if (k < outShapes.size() && shapeKnown(outShapes[k])) {
                run.shapes[node.outputs[k]] = outShapes[k];
            }
        }
    }
    return run;
}

bool sameValue(const Tensor& a, const Tensor& b)
{
    return a.dtype == b.dtype && a.shape == b.shape && a.f == b.f && a.q == b.q && a.i64 == b.i64;
}

// The constant equivalent of a Reshape target that depends on the batch, or nullopt.
std::optional<Tensor> batchFreeTarget(const Node& reshape, const ShapeRun& two,
                                      const ShapeRun& three)
{
    if (reshape.inputs.size() < 2 || reshape.attrInt("allowzero", 0) != 0)
        return std::nullopt;
    auto targetTwo = two.values.find(reshape.inputs[1]);
    auto targetThree = three.values.find(reshape.inputs[1]);
    auto dataTwo = two.shapes.find(reshape.inputs[0]);
    auto dataThree = three.shapes.find(reshape.inputs[0]);
    if (targetTwo == two.values.end() || targetThree == three.values.end() ||
        dataTwo == two.shapes.end() || dataThree == three.shapes.end() ||
        targetTwo->second.dtype != DType::Int64 || targetTwo->second.rank() != 1 ||
        targetTwo->second.shape != targetThree->second.shape)
        return std::nullopt;
    std::vector<int64_t> dims = targetTwo->second.i64;
    for (size_t i = 0; i < dims.size(); ++i) {
        const int64_t atThree = targetThree->second.i64[i];
        if (dims[i] == atThree)
            continue;
        const bool copiesDataDim = i < dataTwo->second.size() && i < dataThree->second.size() &&
                                   dataTwo->second[i] == dims[i] &&
                                   dataThree->second[i] == atThree;
        if (!copiesDataDim)
            return std::nullopt;
        dims[i] = 0;
    }
    const Shape shape{static_cast<int64_t>(dims.size())};
    return Tensor::fromInt64(shape, std::move(dims));
}

} // namespace

void resolveDynamicShapes(Graph& g)
{
    const bool dynamic = std::any_of(g.inputs.begin(), g.inputs.end(), [](const ValueInfo& v) {
        return std::any_of(v.shape.begin(), v.shape.end(), [](int64_t d) { return d < 0; });
    });
    if (!dynamic)
        return;
    const ShapeRun two = runAtBatch(g, 2);
    const ShapeRun three = runAtBatch(g, 3);

    std::vector<Node> kept;
    for (Node& node : g.nodes) {
        bool batchFree = !node.outputs.empty();
        for (const std::string& out : node.outputs) {
            auto a = two.values.find(out);
            auto b = three.values.find(out);
            batchFree = batchFree && !out.empty() && a != two.values.end() &&
                        b != three.values.end() && sameValue(a->second, b->second);
        }
        if (batchFree) {
            for (const std::string& out : node.outputs)
                g.initializers[out] = two.values.at(out);
            continue;
        }
        if (node.opType == "Reshape" && !g.initializer(node.inputs.size() > 1 ? node.inputs[1]
                                                                              : std::string())) {
            if (std::optional<Tensor> target = batchFreeTarget(node, two, three)) {
                const std::string name = node.name + "/batch_free_shape";
                g.initializers[name] = std::move(*target);
                node.inputs[1] = name;
            }
        }
        kept.push_back(std::move(node));
    }
    g.nodes = std::move(kept);
}

} // namespace ql
