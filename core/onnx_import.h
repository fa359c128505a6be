#pragma once
// ONNX → QuantLens IR. Parses with libonnx, runs ONNX shape inference, folds constant
// sub-graphs (Constant/Shape/Gather/Unsqueeze/Concat feeding a Reshape), checks every op
// against the registry, then runs our own shape pass at batch 1 to fill Node::inputShapes,
// outputShapes, params and MACs, and orders graph outputs into exits.
//
// Either the whole model loads or an ql::Error is thrown whose message is one line:
//   "<file>: unsupported op 'Foo' (node 'foo_3'); supported: Add, AveragePool, ..."
//   "<file>: not a valid ONNX model (protobuf parse failed)"

#include <string>

#include "core/graph.h"

namespace ql {

Model loadOnnxModel(const std::string& path);
Model loadOnnxModelFromBytes(const std::string& bytes, const std::string& displayName);

// Reads one TensorProto file (the conformance vectors' input_N.pb / output_N.pb).
Tensor loadTensorProtoFile(const std::string& path);

} // namespace ql
