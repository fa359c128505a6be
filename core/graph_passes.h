#pragma once
// The importer's passes over the IR once it is parsed and sorted: constant folding, dead-node
// removal, the op support check, our batch-1 shape pass (shapes, dtypes, params, MACs) and
// exit ordering. They throw ql::Error without a file name; the importer prefixes it.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/graph.h"

namespace ql {

// What the model file and ONNX shape inference say about one value; dims -1 when unknown
// or symbolic.
struct TypeHint
{
    bool isTensor = false;
    int onnxElemType = 0;
    std::optional<DType> dtype;
    std::optional<Shape> shape;
};
using TypeHints = std::map<std::string, TypeHint>;

// Folds every node whose inputs are all constant (initializers, or a Shape of a tensor
// whose shape is fully static) by running its registered FP32 op, then resolves the shape
// arithmetic of a dynamic batch (core/dynamic_shapes.h). With a symbolic batch the
// Shape -> Gather -> Unsqueeze -> Concat -> Reshape chain becomes one Reshape with a constant
// target that copies the batch dim (0), so models exported with a dynamic batch keep working
// for every batch size. Static batch-1 models fold completely; the executor runs those one
// sample at a time.
void foldConstants(Graph& g, const TypeHints& hints);
// True for the one kind of all-constant node that folding keeps: a DequantizeLinear of constant
// codes, whose integer codes and (S, Z) are what a QDQ model states about its weights
// (core/export/qdq_import reads them back); folding would leave only their float image.
bool keptUnfolded(const Node& node);

// Drops nodes none of whose outputs reach a graph output, and initializers nobody reads.
void removeDeadNodes(Graph& g);

// "unsupported op 'Foo' (node 'bar'); supported: Add, AveragePool, ..."
void checkOpsSupported(const Graph& g);

// Shapes at batch 1 (symbolic dims become 1) through OpDef::inferShapes, falling back to the
// ONNX-inferred shape where an output depends on a value known only at run time. Fills
// Node::inputShapes/outputShapes/params/macs and Graph::shapes/dtypes.
void runShapePass(Graph& g, const TypeHints& hints);

// Graph outputs as exits, ordered by the cumulative MACs of the nodes each depends on
// (stable: ties keep graph order); classes = last dim at batch 1.
std::vector<ExitInfo> orderExits(const Graph& g);

} // namespace ql
