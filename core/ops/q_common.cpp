#include "core/ops/q_common.h"

#include <algorithm>
#include <limits>

#include "core/error.h"
#include "core/ops/op_utils.h"
#include "core/quant/quant_params.h"

namespace ql::qop {

void fail(const Node& node, const std::string& what)
{
    throw Error(node.opType + " (node '" + node.name + "'): " + what);
}

int32_t dtypeMin(DType t)
{
    switch (t) {
    case DType::Int8: return -128;
    case DType::Int16: return -32768;
    case DType::Int32: return std::numeric_limits<int32_t>::min();
    default: return 0;
    }
}

int32_t dtypeMax(DType t)
{
    switch (t) {
    case DType::Int8: return 127;
    case DType::UInt8: return 255;
    case DType::Int16: return 32767;
    case DType::UInt16: return 65535;
    case DType::Int32: return std::numeric_limits<int32_t>::max();
    default: return 1;
    }
}

std::vector<float> floatValues(const Tensor& t)
{
    if (t.dtype == DType::Float32)
        return t.f;
    std::vector<float> r(static_cast<size_t>(t.numel()));
    for (int64_t i = 0; i < t.numel(); ++i)
        r[i] = static_cast<float>(t.at(i));
    return r;
}

std::vector<int32_t> zeroPointValues(const Tensor* t)
{
    if (!t || t->numel() == 0)
        return {0};
    if (t->dtype == DType::Float32 || t->dtype == DType::Int64) {
        std::vector<int32_t> r(static_cast<size_t>(t->numel()));
        for (int64_t i = 0; i < t->numel(); ++i)
            r[i] = static_cast<int32_t>(t->at(i));
        return r;
    }
    return t->q;
}

DType zeroPointType(const Tensor* t, DType def)
{
    return t && !t->empty() ? t->dtype : def;
}

const Tensor& required(const Node& node, const std::vector<const Tensor*>& in, size_t index,
                       const char* what)
{
    if (index >= in.size() || !in[index])
        fail(node, std::string("missing input '") + what + "'");
    return *in[index];
}

void ensureOutputs(std::vector<Tensor>& out, size_t n)
{
    if (out.size() < n)
        out.resize(n);
}

int normaliseAxis(const Node& node, int64_t axis, int rank)
{
    const int64_t a = axis < 0 ? axis + rank : axis;
    if (a < 0 || a >= std::max(rank, 1))
        fail(node, "axis " + std::to_string(axis) + " is out of range for rank " +
                       std::to_string(rank));
    return static_cast<int>(a);
}

namespace {

// SAME_UPPER / SAME_LOWER: output = ceil(in / stride), the total padding split with the odd
// pixel at the end (UPPER) or the beginning (LOWER).
void autoPad(const std::string& mode, int64_t in, int64_t kernel, int64_t stride,
             int64_t dilation, int64_t* begin, int64_t* end)
{
    if (mode == "VALID") {
        *begin = *end = 0;
        return;
    }
    const int64_t out = (in + stride - 1) / stride;
    const int64_t total = std::max<int64_t>(0, (out - 1) * stride + dilation * (kernel - 1) + 1 - in);
    *begin = mode == "SAME_LOWER" ? (total + 1) / 2 : total / 2;
    *end = total - *begin;
}

} // namespace

ConvParams convParams(const Node& node, const Shape& x, const Shape& w)
{
    const int spatial = static_cast<int>(x.size()) - 2;
    if (spatial < 1 || spatial > 2 || w.size() != x.size())
        fail(node, "only 1-D and 2-D convolutions are supported (input " + shapeToString(x) +
                       ", weight " + shapeToString(w) + ")");
    const auto strides = node.attrInts("strides", std::vector<int64_t>(spatial, 1));
    const auto dilations = node.attrInts("dilations", std::vector<int64_t>(spatial, 1));
    auto pads = node.attrInts("pads", std::vector<int64_t>(2 * spatial, 0));
    const std::string auto_pad = node.attrString("auto_pad", "NOTSET");
    if (strides.size() != size_t(spatial) || dilations.size() != size_t(spatial) ||
        pads.size() != size_t(2 * spatial))
        fail(node, "strides/dilations/pads do not match the spatial rank");
    if (node.hasAttr("kernel_shape")) {
        const auto kernel = node.attrInts("kernel_shape");
        for (int i = 0; i < spatial; ++i)
            if (i >= int(kernel.size()) || kernel[i] != w[2 + i])
                fail(node, "kernel_shape does not match the weight shape " + shapeToString(w));
    }
    if (auto_pad != "NOTSET")
        for (int i = 0; i < spatial; ++i)
            autoPad(auto_pad, x[2 + i], w[2 + i], strides[i], dilations[i], &pads[i],
                    &pads[spatial + i]);

    ConvParams p;
    p.batch = x[0];
    p.inChannels = x[1];
    p.outChannels = w[0];
    p.group = node.attrInt("group", 1);
    const bool one_d = spatial == 1;
    p.inHeight = one_d ? 1 : x[2];
    p.inWidth = x[spatial + 1];
    p.kernelHeight = one_d ? 1 : w[2];
    p.kernelWidth = w[spatial + 1];
    p.strideHeight = one_d ? 1 : strides[0];
    p.strideWidth = strides[spatial - 1];
    p.dilationHeight = one_d ? 1 : dilations[0];
    p.dilationWidth = dilations[spatial - 1];
    p.padTop = one_d ? 0 : pads[0];
    p.padBottom = one_d ? 0 : pads[spatial];
    p.padLeft = pads[spatial - 1];
    p.padRight = pads[2 * spatial - 1];
    if (p.group < 1 || p.inChannels % p.group != 0 || w[1] * p.group != p.inChannels)
        fail(node, "weight " + shapeToString(w) + " does not match input " + shapeToString(x) +
                       " with group " + std::to_string(p.group));
    return p;
}

Shape convOutputShape(const Node& node, const Shape& x, const Shape& w)
{
    Shape xs = x;
    if (!xs.empty() && xs[0] < 0)
        xs[0] = 1; // symbolic batch: compute at 1, report it symbolic again
    const ConvParams p = convParams(node, xs, w);
    Shape out{x.empty() ? 1 : x[0], p.outChannels};
    if (x.size() == 4)
        out.push_back(p.outHeight());
    out.push_back(p.outWidth());
    return out;
}

int64_t convMacs(const Node& node, int weightInput)
{
    if (node.outputShapes.empty() || int(node.inputShapes.size()) <= weightInput)
        return 0;
    const Shape& w = node.inputShapes[weightInput];
    Shape out = node.outputShapes[0];
    if (!out.empty() && out[0] < 0)
        out[0] = 1;
    // MACs = output elements x (C/group x kernel): the output dims followed by W's dims after
    // the first, as one overflow-checked product.
    if (!w.empty())
        out.insert(out.end(), w.begin() + 1, w.end());
    return numelChecked(node, out, "the MAC count (output x weights per output)");
}

MatMulPlan planMatMul(const Node& node, const Shape& a_in, const Shape& b_in)
{
    if (a_in.empty() || b_in.empty())
        fail(node, "MatMul operands must have rank >= 1");
    Shape a = a_in;
    Shape b = b_in;
    const bool a_vector = a.size() == 1;
    const bool b_vector = b.size() == 1;
    if (a_vector)
        a.insert(a.begin(), 1);
    if (b_vector)
        b.push_back(1);
    MatMulPlan plan;
    plan.M = a[a.size() - 2];
    plan.K = a.back();
    plan.N = b.back();
    if (b[b.size() - 2] != plan.K)
        fail(node, "inner dimensions differ: " + shapeToString(a_in) + " x " + shapeToString(b_in));
    // Broadcast the batch dims (right-aligned, numpy rules).
    const size_t batch_rank = std::max(a.size(), b.size()) - 2;
    Shape batch(batch_rank, 1);
    for (size_t i = 0; i < batch_rank; ++i) {
        const int64_t da = i + a.size() >= batch_rank + 2 ? a[i + a.size() - 2 - batch_rank] : 1;
        const int64_t db = i + b.size() >= batch_rank + 2 ? b[i + b.size() - 2 - batch_rank] : 1;
        if (da != db && da != 1 && db != 1)
            fail(node, "batch dimensions do not broadcast: " + shapeToString(a_in) + " x " +
                           shapeToString(b_in));
        batch[i] = da == 1 ? db : da;
    }
    const int64_t count = numelOf(batch);
    plan.aMatrix.resize(count);
    plan.bMatrix.resize(count);
    for (int64_t m = 0; m < count; ++m) {
        // Unravel m over `batch`, then ravel into a's and b's own batch dims (1 = broadcast).
        int64_t rest = m;
        int64_t ai = 0, bi = 0, a_stride = 1, b_stride = 1;
        for (size_t i = batch_rank; i-- > 0;) {
            const int64_t idx = rest % batch[i];
            rest /= batch[i];
            const int64_t ia = int64_t(i) - int64_t(batch_rank) + int64_t(a.size()) - 2;
            const int64_t ib = int64_t(i) - int64_t(batch_rank) + int64_t(b.size()) - 2;
            if (ia >= 0) {
                ai += (a[ia] == 1 ? 0 : idx) * a_stride;
                a_stride *= a[ia];
            }
            if (ib >= 0) {
                bi += (b[ib] == 1 ? 0 : idx) * b_stride;
                b_stride *= b[ib];
            }
        }
        plan.aMatrix[m] = ai;
        plan.bMatrix[m] = bi;
    }
    plan.out = batch;
    if (!a_vector)
        plan.out.push_back(plan.M);
    if (!b_vector)
        plan.out.push_back(plan.N);
    return plan;
}

Shape matMulOutputShape(const Node& node, const Shape& a, const Shape& b)
{
    // Unknown (negative) dims are planned at 1 and restored where they pass through.
    Shape a1 = a, b1 = b;
    for (auto& d : a1)
        d = d < 0 ? 1 : d;
    for (auto& d : b1)
        d = d < 0 ? 1 : d;
    Shape out = planMatMul(node, a1, b1).out;
    if (a.size() >= 2 && a[0] < 0 && out.size() >= a.size())
        out[out.size() - a.size()] = -1;
    return out;
}

int64_t matMulMacs(const Node& node)
{
    if (node.outputShapes.empty() || node.inputShapes.empty() || node.inputShapes[0].empty())
        return 0;
    Shape out = node.outputShapes[0];
    for (auto& d : out)
        d = d < 0 ? 1 : d;
    out.push_back(node.inputShapes[0].back());
    return numelChecked(node, out, "the MAC count (output x K)");
}

// (S, Z) of the node as QuantParams plus the `inner` stride of the per-axis layout.
std::vector<int64_t> matMulAccumulate(const Node& node, const Tensor& a, const Tensor& b,
                                      const std::vector<int32_t>& a_zero_point,
                                      const std::vector<int32_t>& b_zero_point,
                                      AccumulatorMode mode, MatMulPlan* plan,
                                      AccumulatorStats* stats)
{
    *plan = planMatMul(node, a.shape, b.shape);
    const int64_t M = plan->M, K = plan->K, N = plan->N;
    if (a_zero_point.size() != 1 && int64_t(a_zero_point.size()) != M)
        fail(node, "a zero point must be a scalar or have one value per row (" +
                       std::to_string(M) + ")");
    if (b_zero_point.size() != 1 && int64_t(b_zero_point.size()) != N)
        fail(node, "b zero point must be a scalar or have one value per column (" +
                       std::to_string(N) + ")");
    const int64_t matrices = static_cast<int64_t>(plan->aMatrix.size());
    std::vector<int64_t> acc(static_cast<size_t>(matrices * M * N));
    std::vector<int32_t> b_transposed(static_cast<size_t>(K * N));
    GemmParams gemm;
    gemm.rows = M;
    gemm.cols = N;
    gemm.depth = K;
    gemm.inputZeroPoint = a_zero_point;
    gemm.weightZeroPoint = b_zero_point;
    gemm.accumulator = mode;
    for (int64_t m = 0; m < matrices; ++m) {
        // The GEMM wants the weight operand as [N, K] rows: transpose this b matrix.
        const int32_t* b_matrix = b.q.data() + plan->bMatrix[m] * K * N;
        for (int64_t k = 0; k < K; ++k)
            for (int64_t n = 0; n < N; ++n)
                b_transposed[n * K + k] = b_matrix[k * N + n];
        intGemm(gemm, a.q.data() + plan->aMatrix[m] * M * K, b_transposed.data(),
                acc.data() + m * M * N, stats);
    }
    return acc;
}

QuantParams linearParams(const Node& node, const Tensor& x, const Tensor& scale,
                         const Tensor* zero_point_tensor, DType code_type, int64_t* inner)
{
    QuantParams params;
    params.scale = floatValues(scale);
    params.zeroPoint = zeroPointValues(zero_point_tensor);
    params.qmin = dtypeMin(code_type);
    params.qmax = dtypeMax(code_type);
    if (params.zeroPoint.size() == 1 && params.scale.size() > 1)
        params.zeroPoint.assign(params.scale.size(), params.zeroPoint[0]);
    if (params.scale.size() != params.zeroPoint.size())
        fail(node, "scale and zero point sizes differ");
    *inner = 1;
    if (params.scale.size() > 1) {
        const int axis = normaliseAxis(node, node.attrInt("axis", 1), x.rank());
        if (x.dim(axis) != params.channels())
            fail(node, "per-axis scale has " + std::to_string(params.channels()) +
                                " values but axis " + std::to_string(axis) + " of " +
                                shapeToString(x.shape) + " has " + std::to_string(x.dim(axis)));
        params.axis = axis;
        for (int d = axis + 1; d < x.rank(); ++d)
            *inner *= x.dim(d);
    }
    return params;
}

} // namespace ql::qop
