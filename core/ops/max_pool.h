#pragma once
#include <vector>

#include "core/op_registry.h"

namespace ql {

// ONNX MaxPool (1-D and 2-D): kernel_shape, strides, pads, auto_pad, dilations, ceil_mode.
// The optional Indices output is not supported.
OpDef makeMaxPoolOp();

// MaxPool `node` applied to a tensor of shape xShape held as T (float, or the integer engine's
// codes: max commutes with the monotone dequantization, so pooling codes is exact). Writes
// y (resized) and returns the output shape. Every window's max starts from `identity`: −inf
// for float (a window entirely in the padding yields −inf, a NaN tap is skipped), qmin for
// codes (the code of −inf, and no larger than any code). Throws ql::Error like the op.
template <typename T>
Shape maxPool(const Node& node, const Shape& xShape, const T* x, std::vector<T>& y, T identity);

} // namespace ql
