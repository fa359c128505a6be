#pragma once
// Helpers shared by the FP32 operator kernels: error reporting with the node's name, axis
// normalisation, numpy broadcasting, dtype-generic element copies (for the data-movement
// ops, which must also carry Int64 shape tensors) and the Conv/pool window geometry.

#include <optional>
#include <string>
#include <vector>

#include "core/checked_math.h"
#include "core/error.h"
#include "core/op_registry.h"

namespace ql {

// Throws ql::Error "node 'conv_3' (Conv): <what>".
[[noreturn]] void failNode(const Node& node, const std::string& what);

// The value of a checked_math.h computation, or an error naming the node:
//   "node 'conv' (Conv): padded input size of axis 0 overflows int64".
int64_t noOverflow(const Node& node, std::optional<int64_t> value, const std::string& what);

// Element count of `shape` (negative dims count as 0), or an error naming the node.
int64_t numelChecked(const Node& node, const Shape& shape, const char* what);

// Maps axis in [-rank, rank) to [0, rank); anything else is an error naming the node.
int64_t normalizeAxis(const Node& node, int64_t axis, int64_t rank);

// Row-major element strides of a shape.
std::vector<int64_t> stridesOf(const Shape& shape);

// True when every dim is known (>= 0).
bool shapeKnown(const Shape& shape);

// Numpy multidirectional broadcasting of two shapes (right-aligned, 1 stretches).
Shape broadcastShapes(const Node& node, const Shape& a, const Shape& b);

// Strides for reading a tensor of shape `in` while iterating over the broadcast shape `out`:
// 0 along broadcast (size-1 or missing) dims.
std::vector<int64_t> broadcastStrides(const Shape& in, const Shape& out);

// The input at `index`, or an error naming the node and `what` when it is missing.
const Tensor& requireInput(const Node& node, const std::vector<const Tensor*>& in, size_t index,
                           const char* what);
// Input `index` if present and non-null, else nullptr.
const Tensor* optionalInput(const std::vector<const Tensor*>& in, size_t index);
void requireFloat(const Node& node, const Tensor& t, const char* what);

// The IR dtype of an ONNX TensorProto element type (FLOAT=1, UINT8=2, INT8=3, UINT16=4,
// INT16=5, INT32=6, INT64=7, BOOL=9); nullopt for the types the engine does not hold.
std::optional<DType> dtypeFromOnnxType(int64_t onnxType);

// Integer contents of a shape-like tensor (Int64 or integer codes), e.g. Reshape's shape.
std::vector<int64_t> intValues(const Node& node, const Tensor& t, const char* what);

// Copies `count` elements src[srcOffset...] to dst[dstOffset...]; same dtype on both sides.
void copyElements(const Tensor& src, int64_t srcOffset, Tensor& dst, int64_t dstOffset,
                  int64_t count);
// A tensor of src's dtype whose element i is src's element flatIndices[i].
Tensor gatherFlat(const Tensor& src, Shape outShape, const std::vector<int64_t>& flatIndices);
// The same elements under a new shape (Reshape, Flatten, Squeeze, Unsqueeze, Identity).
Tensor reshapedCopy(const Tensor& src, Shape newShape);

// Spatial window geometry of Conv, MaxPool and AveragePool, one entry per spatial axis.
struct WindowGeometry
{
    std::vector<int64_t> inSize, outSize, kernel, strides, dilations, padBegin, padEnd;
    int spatialRank() const { return static_cast<int>(kernel.size()); }
};

// Reads kernel_shape (or `kernelFromWeights` when the attribute is absent), strides,
// dilations, pads and auto_pad for an input of shape [N, C, spatial...].
//   explicit pads:  out = floor((in + padBegin + padEnd - ((k - 1) * d + 1)) / s) + 1
//   ceil_mode:      ceil instead of floor, minus one when the last window would start in
//                   the end padding (PyTorch's rule, which its exported models rely on)
//   SAME_UPPER/LOWER: out = ceil(in / s); total pad = max(0, (out - 1) * s + (k - 1) * d + 1
//                   - in), the odd element at the end (UPPER) or the beginning (LOWER)
//   VALID:          no padding
WindowGeometry windowGeometry(const Node& node, const Shape& inShape,
                              const std::vector<int64_t>& kernelFromWeights, bool ceilMode);

// Promotes 1-D geometry to 2-D (a height of 1) so that kernels only implement 2-D; rejects
// spatial ranks other than 1 and 2.
WindowGeometry geometryAs2d(const Node& node, WindowGeometry g);

} // namespace ql
