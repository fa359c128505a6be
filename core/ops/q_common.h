#pragma once
// Shared plumbing of the ONNX quantized operators (q_*.cpp): reading scale / zero-point
// inputs (which may be graph inputs, not initializers), dtype ranges, the Conv attribute
// geometry and numpy-style MatMul broadcasting. The arithmetic itself lives in core/quant/.

#include <string>
#include <vector>

#include "core/graph.h"
#include "core/quant/int_conv.h"
#include "core/quant/quant_params.h"

namespace ql::qop {

// "<OpType> (node '<name>'): <what>" — thrown as ql::Error.
[[noreturn]] void fail(const Node& node, const std::string& what);

int32_t dtypeMin(DType t);
int32_t dtypeMax(DType t);

// The tensor's values as float32 (Float32 storage, or codes / int64 converted).
std::vector<float> floatValues(const Tensor& t);
// A zero-point input as int32 codes; a missing input gives {0}.
std::vector<int32_t> zeroPointValues(const Tensor* t);
// dtype of an optional zero-point input, `def` when it is missing.
DType zeroPointType(const Tensor* t, DType def);
// Requires `in[index]` to be present.
const Tensor& required(const Node& node, const std::vector<const Tensor*>& in, size_t index,
                       const char* what);
void ensureOutputs(std::vector<Tensor>& out, size_t n);

// (S, Z) of a QuantizeLinear / DequantizeLinear node as QuantParams: per tensor, or per axis
// (attribute `axis`, default 1) when the scale has more than one value; *inner is the stride
// of that axis. Code range from code_type.
QuantParams linearParams(const Node& node, const Tensor& x, const Tensor& scale,
                         const Tensor* zero_point, DType code_type, int64_t* inner);

// Normalised ONNX axis (negative counts from the end); throws when out of range.
int normaliseAxis(const Node& node, int64_t axis, int rank);

// Conv / ConvInteger / QLinearConv attributes (pads, strides, dilations, group, auto_pad,
// kernel_shape) on a 1-D or 2-D input: 1-D runs as height 1.
ConvParams convParams(const Node& node, const Shape& x, const Shape& w);
Shape convOutputShape(const Node& node, const Shape& x, const Shape& w);
int64_t convMacs(const Node& node, int weightInput);

// numpy matmul broadcasting for a [..., M, K] · b [..., K, N] (1-D operands promoted and the
// promoted dim dropped from the output).
struct MatMulPlan
{
    Shape out;
    int64_t M = 1, K = 1, N = 1;
    std::vector<int64_t> aMatrix; // for each output matrix: index of the a matrix
    std::vector<int64_t> bMatrix; // ... and of the b matrix
};
MatMulPlan planMatMul(const Node& node, const Shape& a, const Shape& b);
Shape matMulOutputShape(const Node& node, const Shape& a, const Shape& b);
int64_t matMulMacs(const Node& node);

// Integer batched matmul of codes with zero points: acc[m, n] for every output matrix, laid out
// as plan.out. a_zero_point: size 1 or M (per row); b_zero_point: size 1 or N (per column).
std::vector<int64_t> matMulAccumulate(const Node& node, const Tensor& a, const Tensor& b,
                                      const std::vector<int32_t>& a_zero_point,
                                      const std::vector<int32_t>& b_zero_point,
                                      AccumulatorMode mode, MatMulPlan* plan,
                                      AccumulatorStats* stats = nullptr);

} // namespace ql::qop
