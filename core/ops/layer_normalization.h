#pragma once
#include "core/op_registry.h"

namespace ql {

// ONNX LayerNormalization (opset 17): normalises over the dims from `axis` (default -1) to the
// end, Y = (X - mean) / sqrt(var + epsilon) * Scale + B, epsilon 1e-5 by default. Optional
// outputs Mean and InvStdDev have X's shape with the normalised dims set to 1. Float32 only.
OpDef makeLayerNormalizationOp();

} // namespace ql
