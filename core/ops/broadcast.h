#pragma once
// Numpy broadcasting for the ops that mix element types or take more than two operands
// (Pow, Equal, Where, Expand): the flat source index of every output element, and a
// dtype-generic element write. The float binary ops (Add/Sub/Mul/Div) keep their own
// stride-walking loop in elementwise.cpp.

#include <vector>

#include "core/tensor.h"

namespace ql {

// For each element of `out` (row-major), the flat index of the element of a tensor of shape
// `in` that broadcasts onto it. `in` must broadcast to `out` (right-aligned, 1 stretches).
std::vector<int64_t> broadcastSourceIndices(const Shape& in, const Shape& out);

// Writes `value` into element `index` of `t`, converted to t's dtype (integers truncate
// toward zero, as a C++ cast does; Bool becomes 0 or 1).
void setElement(Tensor& t, int64_t index, double value);

} // namespace ql
