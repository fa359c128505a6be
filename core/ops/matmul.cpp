#include "core/ops/matmul.h"

#include <Eigen/Core>

#include "core/ops/op_utils.h"

// MatMul (numpy.matmul): A [..., M, K] x B [..., K, N] -> Y [..., M, N],
//   Y[batch, m, n] = sum_k A[batch, m, k] * B[batch, k, n]
// A 1-D A is read as [1, K] and a 1-D B as [K, 1]; the added dim is dropped from Y. The batch
// dims (all but the last two) broadcast against each other like an elementwise op.

namespace ql {

namespace {

enum MatMulInput
{
    kA = 0,
    kB = 1
};

using RowMatrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

struct MatMulPlan
{
    Shape aMatrix, bMatrix; // operands promoted to rank >= 2
    Shape batch;            // broadcast batch dims
    int64_t m = 0, k = 0, n = 0;
    Shape out; // final output shape (promoted dims removed)
};

MatMulPlan planMatMul(const Node& node, const Shape& a, const Shape& b)
{
    if (a.empty() || b.empty())
        failNode(node, "operands must have rank >= 1, got " + shapeToString(a) + " and " +
                           shapeToString(b));
    MatMulPlan p;
    p.aMatrix = a.size() == 1 ? Shape{1, a[0]} : a;
    p.bMatrix = b.size() == 1 ? Shape{b[0], 1} : b;
    p.m = p.aMatrix[p.aMatrix.size() - 2];
    p.k = p.aMatrix.back();
    p.n = p.bMatrix.back();
    const int64_t kB = p.bMatrix[p.bMatrix.size() - 2];
    if (p.k >= 0 && kB >= 0 && p.k != kB)
        failNode(node, "inner dimensions differ: " + shapeToString(a) + " x " + shapeToString(b));
    p.batch = broadcastShapes(node, Shape(p.aMatrix.begin(), p.aMatrix.end() - 2),
                              Shape(p.bMatrix.begin(), p.bMatrix.end() - 2));
    p.out = p.batch;
    if (a.size() > 1)
        p.out.push_back(p.m);
    if (b.size() > 1)
        p.out.push_back(p.n);
    return p;
}

std::vector<Shape> inferMatMul(const Node& node, const std::vector<Shape>& in,
                               const std::vector<const Tensor*>&)
{
    if (in.size() < 2)
        failNode(node, "needs inputs A and B");
    return {planMatMul(node, in[kA], in[kB]).out};
}

int64_t matMulMacs(const Node& node)
{
    if (node.inputShapes.size() < 2)
        return 0;
    const MatMulPlan p = planMatMul(node, node.inputShapes[kA], node.inputShapes[kB]);
    if (!shapeKnown(p.batch) || p.m < 0 || p.k < 0 || p.n < 0)
        return 0;
    Shape factors = p.batch;
    factors.insert(factors.end(), {p.m, p.n, p.k});
    return numelChecked(node, factors, "the MAC count (batch x M x N x K)");
}

void runMatMul(const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
               const RunControl& ctl)
{
    const Tensor& a = requireInput(node, in, kA, "A");
    const Tensor& b = requireInput(node, in, kB, "B");
    requireFloat(node, a, "A");
    requireFloat(node, b, "B");
    const MatMulPlan p = planMatMul(node, a.shape, b.shape);
    Tensor y = Tensor::zeros(DType::Float32, p.out);

    // Matrix index of each operand for every output batch index (broadcast strides over the
    // batch dims, counted in whole matrices).
    const Shape aBatch(p.aMatrix.begin(), p.aMatrix.end() - 2);
    const Shape bBatch(p.bMatrix.begin(), p.bMatrix.end() - 2);
    const std::vector<int64_t> aStrides = broadcastStrides(aBatch, p.batch);
    const std::vector<int64_t> bStrides = broadcastStrides(bBatch, p.batch);
    const std::vector<int64_t> outStrides = stridesOf(p.batch);
    const int64_t batchCount = numelOf(p.batch);

    for (int64_t batchIndex = 0; batchIndex < batchCount; ++batchIndex) {
        ctl.check();
        int64_t aMatrix = 0, bMatrix = 0, rest = batchIndex;
        for (size_t axis = 0; axis < p.batch.size(); ++axis) {
            const int64_t coord = rest / outStrides[axis];
            rest %= outStrides[axis];
            aMatrix += coord * aStrides[axis];
            bMatrix += coord * bStrides[axis];
        }
        Eigen::Map<const RowMatrix> lhs(a.f.data() + aMatrix * p.m * p.k, p.m, p.k);
        Eigen::Map<const RowMatrix> rhs(b.f.data() + bMatrix * p.k * p.n, p.k, p.n);
        Eigen::Map<RowMatrix> result(y.f.data() + batchIndex * p.m * p.n, p.m, p.n);
        result.noalias() = lhs * rhs;
    }
    out[0] = std::move(y);
}

} // namespace

OpDef makeMatMulOp()
{
    OpDef op;
    op.opType = "MatMul";
    op.inferShapes = inferMatMul;
    op.macs = matMulMacs;
    op.run = runMatMul;
    op.paramInputs = std::vector<int>{kA, kB};
    return op;
}

} // namespace ql
