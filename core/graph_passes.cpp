#include "core/graph_passes.h"

#include <algorithm>
#include <set>

#include "core/dynamic_shapes.h"
#include "core/error.h"
#include "core/op_registry.h"
#include "core/ops/op_utils.h"

namespace ql {

namespace {

// Values computed during the shape pass (shape arithmetic at batch 1) stay small; anything
// larger is real data, not a shape.
constexpr int64_t kMaxShapeValueElements = 4096;

std::vector<Tensor> evaluateNode(const OpDef& op, const Node& node,
                                 const std::vector<const Tensor*>& in)
{
    std::vector<Tensor> out(node.outputs.size());
    op.run(node, in, out, RunControl{});
    return out;
}

// A tensor that only carries a shape: what a Shape node reads.
Tensor shapeCarrier(const Shape& shape)
{
    Tensor t;
    t.shape = shape;
    return t;
}

std::map<std::string, size_t> producerIndex(const Graph& g)
{
    std::map<std::string, size_t> producer;
    for (size_t i = 0; i < g.nodes.size(); ++i)
        for (const std::string& out : g.nodes[i].outputs)
            if (!out.empty())
                producer[out] = i;
    return producer;
}

} // namespace

bool keptUnfolded(const Node& node)
{
    return node.opType == "DequantizeLinear";
}

void foldConstants(Graph& g, const TypeHints& hints)
{
    std::vector<Node> kept;
    for (Node& node : g.nodes) {
        // Any registered op: folding runs the op's own FP32 kernel, so no list of foldable
        // ops to keep in sync (Identity on a deduplicated weight, Transpose of a constant...).
        const OpDef* op = keptUnfolded(node) ? nullptr : findOp(node.opType);
        std::vector<const Tensor*> in;
        Tensor carrier;
        bool constant = op != nullptr;
        for (size_t i = 0; constant && i < node.inputs.size(); ++i) {
            const std::string& name = node.inputs[i];
            if (name.empty()) {
                in.push_back(nullptr);
            } else if (const Tensor* t = g.initializer(name)) {
                in.push_back(t);
            } else if (node.opType == "Shape" && i == 0) {
                auto hint = hints.find(name);
                constant =
                    hint != hints.end() && hint->second.shape && shapeKnown(*hint->second.shape);
                if (constant) {
                    carrier = shapeCarrier(*hint->second.shape);
                    in.push_back(&carrier);
                }
            } else {
                constant = false;
            }
        }
        if (!constant) {
            kept.push_back(std::move(node));
            continue;
        }
        std::vector<Tensor> out = evaluateNode(*op, node, in);
        for (size_t k = 0; k < node.outputs.size(); ++k)
            if (!node.outputs[k].empty())
                g.initializers[node.outputs[k]] = std::move(out[k]);
    }
    g.nodes = std::move(kept);
    resolveDynamicShapes(g);
}

void removeDeadNodes(Graph& g)
{
    std::set<std::string> needed;
    for (const ValueInfo& out : g.outputs)
        needed.insert(out.name);
    std::vector<bool> live(g.nodes.size(), false);
    for (size_t i = g.nodes.size(); i-- > 0;) {
        const Node& node = g.nodes[i];
        live[i] = std::any_of(node.outputs.begin(), node.outputs.end(),
                              [&](const std::string& o) { return needed.count(o) != 0; });
        if (live[i])
            needed.insert(node.inputs.begin(), node.inputs.end());
    }
    std::vector<Node> kept;
    for (size_t i = 0; i < g.nodes.size(); ++i)
        if (live[i])
            kept.push_back(std::move(g.nodes[i]));
    g.nodes = std::move(kept);
    std::erase_if(g.initializers, [&](const auto& entry) { return !needed.count(entry.first); });
}

void checkOpsSupported(const Graph& g)
{
    for (const Node& node : g.nodes)
        if (!findOp(node.opType))
            throw Error("unsupported op '" + node.opType + "' (node '" + node.name +
                        "'); supported: " + supportedOpsList());
}

void runShapePass(Graph& g, const TypeHints& hints)
{
    g.shapes.clear();
    g.dtypes.clear();
    for (const ValueInfo& input : g.inputs) {
        Shape shape = input.shape;
        std::replace(shape.begin(), shape.end(), int64_t{-1}, int64_t{1}); // symbolic -> 1
        g.shapes[input.name] = shape;
        g.dtypes[input.name] = input.dtype;
    }
    for (const auto& [name, tensor] : g.initializers) {
        g.shapes[name] = tensor.shape;
        g.dtypes[name] = tensor.dtype;
    }

    std::map<std::string, Tensor> values; // shape arithmetic evaluated at batch 1
    std::set<std::string> counted;        // initializers already counted as params
    for (Node& node : g.nodes) {
        const OpDef& op = *findOp(node.opType);
        const size_t inputCount = node.inputs.size();
        std::vector<Shape> inShapes(inputCount);
        std::vector<const Tensor*> constIn(inputCount, nullptr);
        bool shapesKnown = true;
        for (size_t i = 0; i < inputCount; ++i) {
            const std::string& name = node.inputs[i];
            if (name.empty())
                continue;
            auto shape = g.shapes.find(name);
            if (shape == g.shapes.end() || !shapeKnown(shape->second))
                shapesKnown = false;
            else
                inShapes[i] = shape->second;
            if (const Tensor* t = g.initializer(name))
                constIn[i] = t;
            else if (auto v = values.find(name); v != values.end())
                constIn[i] = &v->second;
        }

        std::vector<Shape> outShapes;
        if (shapesKnown)
            outShapes = op.inferShapes(node, inShapes, constIn);
        node.inputShapes = inShapes;
        node.outputShapes.assign(node.outputs.size(), Shape{});

        // Batch-1 values of shape arithmetic (Shape -> Gather -> Concat -> Reshape chains),
        // so that the Reshape behind them gets a concrete shape. Any op whose inputs are all
        // small known values qualifies. A failure here only means the value stays unknown;
        // the real run decides.
        std::vector<Tensor> evaluated;
        if (shapesKnown) {
            std::vector<const Tensor*> in = constIn;
            Tensor carrier = shapeCarrier(inShapes.empty() ? Shape{} : inShapes[0]);
            if (node.opType == "Shape" && inputCount > 0)
                in[0] = &carrier;
            bool available = true;
            for (size_t i = 0; i < inputCount; ++i)
                if (!node.inputs[i].empty() &&
                    (!in[i] || (in[i] != &carrier && in[i]->numel() > kMaxShapeValueElements)))
                    available = false;
            if (available) {
                try {
                    evaluated = evaluateNode(op, node, in);
                } catch (const Error&) {
                    evaluated.clear();
                }
            }
        }

        for (size_t k = 0; k < node.outputs.size(); ++k) {
            const std::string& name = node.outputs[k];
            if (name.empty())
                continue;
            auto hint = hints.find(name);
            if (k < outShapes.size())
                node.outputShapes[k] = outShapes[k];
            else if (hint != hints.end() && hint->second.shape)
                node.outputShapes[k] = *hint->second.shape; // ONNX's inference, -1 unknown
            else
                node.outputShapes[k] = Shape{-1};
            g.shapes[name] = node.outputShapes[k];
            if (k < evaluated.size() && evaluated[k].numel() <= kMaxShapeValueElements) {
                g.dtypes[name] = evaluated[k].dtype;
                values[name] = std::move(evaluated[k]);
            } else if (hint != hints.end() && hint->second.dtype) {
                g.dtypes[name] = *hint->second.dtype;
            } else {
                auto first = inputCount > 0 ? g.dtypes.find(node.inputs[0]) : g.dtypes.end();
                g.dtypes[name] = first != g.dtypes.end() ? first->second : DType::Float32;
            }
        }

        node.params = 0;
        for (size_t i = 0; i < inputCount; ++i) {
            const Tensor* t = g.initializer(node.inputs[i]);
            if (!t || counted.count(node.inputs[i]))
                continue;
            const bool learned = op.paramInputs
                                     ? std::count(op.paramInputs->begin(), op.paramInputs->end(),
                                                  static_cast<int>(i)) > 0
                                     : t->dtype != DType::Int64;
            if (learned) {
                node.params += t->numel();
                counted.insert(node.inputs[i]);
            }
        }
        node.macs = op.macs ? op.macs(node) : 0;
    }
}

std::vector<ExitInfo> orderExits(const Graph& g)
{
    const std::map<std::string, size_t> producer = producerIndex(g);
    std::vector<ExitInfo> exits;
    for (const ValueInfo& output : g.outputs) {
        ExitInfo exit;
        exit.output = output.name;
        // Every node the output depends on, each counted once.
        std::set<size_t> visited;
        std::vector<std::string> stack{output.name};
        while (!stack.empty()) {
            const std::string name = stack.back();
            stack.pop_back();
            auto it = producer.find(name);
            if (it == producer.end() || !visited.insert(it->second).second)
                continue;
            const Node& node = g.nodes[it->second];
            exit.macs += node.macs;
            for (const std::string& in : node.inputs)
                if (!in.empty())
                    stack.push_back(in);
        }
        auto shape = g.shapes.find(output.name);
        if (shape != g.shapes.end() && !shape->second.empty())
            exit.classes = std::max<int64_t>(shape->second.back(), 0);
        exits.push_back(exit);
    }
    std::stable_sort(exits.begin(), exits.end(),
                     [](const ExitInfo& a, const ExitInfo& b) { return a.macs < b.macs; });
    return exits;
}

} // namespace ql
