#include "core/ops/pow.h"

#include <cmath>

#include "core/ops/broadcast.h"
#include "core/ops/op_utils.h"

namespace ql {

namespace {

enum PowInput
{
    kX = 0,
    kY = 1
};

void checkType(const Node& node, const Tensor& t, const char* what)
{
    if (t.dtype != DType::Float32 && t.dtype != DType::Int32 && t.dtype != DType::Int64)
        failNode(node, std::string(what) + " has element type " + dtypeName(t.dtype) +
                           " (float32, int32 and int64 are supported)");
}

} // namespace

OpDef makePowOp()
{
    OpDef op;
    op.opType = "Pow";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.size() != 2)
            failNode(node, "needs inputs X and Y");
        return {broadcastShapes(node, in[kX], in[kY])};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, kX, "X");
        const Tensor& y = requireInput(node, in, kY, "Y");
        checkType(node, x, "X");
        checkType(node, y, "Y");
        const Shape zShape = broadcastShapes(node, x.shape, y.shape);
        Tensor z = Tensor::zeros(x.dtype, zShape);
        const int64_t total = z.numel();
        // x^2 (the variance in a decomposed LayerNorm) as one exact float multiply: the hot
        // case in exported transformers and ConvNeXt.
        if (x.dtype == DType::Float32 && y.numel() == 1 && y.at(0) == 2.0 && x.shape == zShape) {
            for (int64_t i = 0; i < total; ++i)
                z.f[i] = x.f[i] * x.f[i];
            out[0] = std::move(z);
            return;
        }
        const std::vector<int64_t> xIndex = broadcastSourceIndices(x.shape, zShape);
        const std::vector<int64_t> yIndex = broadcastSourceIndices(y.shape, zShape);
        for (int64_t i = 0; i < total; ++i) {
            if (x.dtype == DType::Float32 && y.dtype == DType::Float32)
                z.f[i] = std::pow(x.f[xIndex[i]], y.f[yIndex[i]]); // float pow, as numpy
            else
                setElement(z, i, std::pow(x.at(xIndex[i]), y.at(yIndex[i])));
        }
        out[0] = std::move(z);
    };
    return op;
}

} // namespace ql
