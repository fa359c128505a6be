#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX Reshape: target shape from input 1 (attribute `shape` before opset 5); 0 copies the
// input dim (unless allowzero = 1), -1 takes what is left.
OpDef makeReshapeOp();

// The output shape of Reshape for input shape `in` and target `target` (shared with the
// importer's shape pass).
Shape reshapeTarget(const Node& node, const Shape& in, const std::vector<int64_t>& target);

} // namespace ql
