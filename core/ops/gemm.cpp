#include "core/ops/gemm.h"

#include <cmath>

#include <Eigen/Core>

#include "core/ops/op_utils.h"

// Gemm: A' = transA ? A^T : A is [M, K], B' = transB ? B^T : B is [K, N],
//   Y[m, n] = alpha * sum_k A'[m, k] * B'[k, n] + beta * C[m, n]
// where C (optional) broadcasts unidirectionally to [M, N] (scalar, [N], [M, 1], [M, N]).
// PyTorch exports nn.Linear as Gemm(transB=1) with the weight stored [out, in].

namespace ql {

namespace {

enum GemmInput
{
    kA = 0,
    kB = 1,
    kC = 2
};

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct GemmDims
{
    int64_t m, k, n;
};

GemmDims gemmDims(const Node& node, const Shape& a, const Shape& b)
{
    if (a.size() != 2 || b.size() != 2)
        failNode(node, "A " + shapeToString(a) + " and B " + shapeToString(b) + " must be 2-D");
    const bool transA = node.attrInt("transA", 0) != 0;
    const bool transB = node.attrInt("transB", 0) != 0;
    for (const char* name : {"alpha", "beta"})
        if (!std::isfinite(node.attrFloat(name, 1.0f)))
            failNode(node, std::string(name) + " is " + std::to_string(node.attrFloat(name, 1.0f)) +
                               " (must be finite)");
    const GemmDims d{transA ? a[1] : a[0], transA ? a[0] : a[1], transB ? b[0] : b[1]};
    const int64_t kB = transB ? b[1] : b[0];
    if (d.k >= 0 && kB >= 0 && d.k != kB)
        failNode(node, "inner dimensions differ: A' is [" + std::to_string(d.m) + ", " +
                           std::to_string(d.k) + "], B' has " + std::to_string(kB) + " rows");
    return d;
}

std::vector<Shape> inferGemm(const Node& node, const std::vector<Shape>& in,
                             const std::vector<const Tensor*>&)
{
    if (in.size() < 2)
        failNode(node, "needs inputs A and B");
    const GemmDims d = gemmDims(node, in[kA], in[kB]);
    const Shape out{d.m, d.n};
    if (in.size() > kC && !in[kC].empty() && broadcastShapes(node, out, in[kC]) != out)
        failNode(node,
                 "C " + shapeToString(in[kC]) + " does not broadcast to " + shapeToString(out));
    return {out};
}

int64_t gemmMacs(const Node& node)
{
    if (node.inputShapes.size() < 2)
        return 0;
    const GemmDims d = gemmDims(node, node.inputShapes[kA], node.inputShapes[kB]);
    return d.m < 0 || d.k < 0 || d.n < 0 ? 0
                                         : numelChecked(node, {d.m, d.n, d.k}, "the MAC count (M x N x K)");
}

void runGemm(const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
             const RunControl&)
{
    const Tensor& a = requireInput(node, in, kA, "A");
    const Tensor& b = requireInput(node, in, kB, "B");
    const Tensor* c = optionalInput(in, kC);
    requireFloat(node, a, "A");
    requireFloat(node, b, "B");
    if (c)
        requireFloat(node, *c, "C");
    const GemmDims d = gemmDims(node, a.shape, b.shape);
    const Shape outShape{d.m, d.n};
    if (c && broadcastShapes(node, outShape, c->shape) != outShape)
        failNode(node, "C " + shapeToString(c->shape) + " does not broadcast to " +
                           shapeToString(outShape));
    const float alpha = node.attrFloat("alpha", 1.0f);
    const float beta = node.attrFloat("beta", 1.0f);

    Tensor y = Tensor::zeros(DType::Float32, outShape);
    Eigen::Map<const RowMatrix> aStored(a.f.data(), a.shape[0], a.shape[1]);
    Eigen::Map<const RowMatrix> bStored(b.f.data(), b.shape[0], b.shape[1]);
    Eigen::Map<RowMatrix> result(y.f.data(), d.m, d.n);
    const bool transA = node.attrInt("transA", 0) != 0;
    const bool transB = node.attrInt("transB", 0) != 0;
    if (transA && transB)
        result.noalias() = aStored.transpose() * bStored.transpose();
    else if (transA)
        result.noalias() = aStored.transpose() * bStored;
    else if (transB)
        result.noalias() = aStored * bStored.transpose();
    else
        result.noalias() = aStored * bStored;
    if (alpha != 1.0f)
        result *= alpha;

    if (c && beta != 0.0f) {
        const std::vector<int64_t> cStrides = broadcastStrides(c->shape, outShape);
        for (int64_t row = 0; row < d.m; ++row)
            for (int64_t col = 0; col < d.n; ++col)
                result(row, col) += beta * c->f[row * cStrides[0] + col * cStrides[1]];
    }
    out[0] = std::move(y);
}

} // namespace

OpDef makeGemmOp()
{
    OpDef op;
    op.opType = "Gemm";
    op.inferShapes = inferGemm;
    op.macs = gemmMacs;
    op.run = runGemm;
    op.paramInputs = std::vector<int>{kA, kB, kC};
    return op;
}

} // namespace ql
