#pragma once
// QuantLens graph IR: what the ONNX importer produces and both executors consume.
// Small on purpose: named tensors, initializers, nodes in topological order, attributes.

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/tensor.h"

namespace ql {

using AttrValue = std::variant<int64_t, float, std::string, std::vector<int64_t>,
                               std::vector<float>, std::vector<std::string>, Tensor>;

struct Node
{
    std::string name;   // unique; the importer names unnamed nodes "<op>_<index>"
    std::string opType; // ONNX op type, e.g. "Conv"
    std::vector<std::string> inputs;  // "" for an omitted optional input
    std::vector<std::string> outputs;
    std::map<std::string, AttrValue> attrs;
    int64_t opset = 0; // opset version of the node's domain; some ops change meaning with it

    // Filled by the importer's shape pass (batch = 1 where the batch dim is symbolic).
    std::vector<Shape> inputShapes;
    std::vector<Shape> outputShapes;
    int64_t params = 0; // learned parameters held in this node's initializer inputs
    int64_t macs = 0;   // multiply-accumulates per sample

    bool hasAttr(const std::string& k) const { return attrs.count(k) != 0; }
    int64_t attrInt(const std::string& k, int64_t def) const;
    float attrFloat(const std::string& k, float def) const;
    std::string attrString(const std::string& k, const std::string& def) const;
    std::vector<int64_t> attrInts(const std::string& k, std::vector<int64_t> def = {}) const;
    std::vector<float> attrFloats(const std::string& k, std::vector<float> def = {}) const;
};

struct ValueInfo
{
    std::string name;
    DType dtype = DType::Float32;
    Shape shape; // -1 marks a symbolic/unknown dim (typically the batch)
};

// One graph output seen as a classifier exit (spec §6): ordered by the MACs needed to reach it.
struct ExitInfo
{
    std::string output;  // graph output name
    int64_t macs = 0;    // cumulative MACs per sample of every node this output depends on
    int64_t classes = 0; // size of the last dim
};

struct Graph
{
    std::vector<Node> nodes;                  // topological order
    std::map<std::string, Tensor> initializers;
    std::vector<ValueInfo> inputs;            // graph inputs that are not initializers
    std::vector<ValueInfo> outputs;
    std::map<std::string, Shape> shapes;      // every tensor's shape at batch 1
    std::map<std::string, DType> dtypes;

    const Tensor* initializer(const std::string& name) const;
    const Node* producer(const std::string& tensor) const; // nullptr for inputs/initializers
    int nodeIndex(const std::string& nodeName) const;      // -1 if absent
    std::vector<int> consumers(const std::string& tensor) const;
};

struct Model
{
    std::string path;     // file it was loaded from
    std::string sha256;   // of the file bytes
    std::string producer; // e.g. "pytorch 1.13.1"
    int64_t opset = 0;
    Graph graph;
    std::vector<ExitInfo> exits; // graph outputs ordered by MACs

    int64_t totalParams() const;
    int64_t totalMacs() const;
};

} // namespace ql
