#include "core/ops/elementwise.h"

#include <type_traits>

#include "core/ops/op_utils.h"

namespace ql {

namespace {

// Y[i...] = f(A[broadcast i...], B[broadcast i...]). The output is walked row by row (the
// last dim contiguous); an odometer over the leading dims advances each operand by its
// broadcast stride, which is 0 along dims where that operand has size 1.
template <typename T, typename F>
void broadcastApply(const std::vector<T>& a, const Shape& aShape, const std::vector<T>& b,
                    const Shape& bShape, std::vector<T>& y, const Shape& yShape, F f)
{
    const int64_t total = numelOf(yShape);
    if (total == 0)
        return;
    if (aShape == bShape) {
        for (int64_t index = 0; index < total; ++index)
            y[index] = f(a[index], b[index]);
        return;
    }
    if (yShape.empty()) {
        y[0] = f(a[0], b[0]);
        return;
    }
    const std::vector<int64_t> aStrides = broadcastStrides(aShape, yShape);
    const std::vector<int64_t> bStrides = broadcastStrides(bShape, yShape);
    const size_t rank = yShape.size();
    const int64_t inner = yShape.back();
    const int64_t aInner = aStrides.back(), bInner = bStrides.back();
    std::vector<int64_t> coord(rank, 0);
    int64_t aOffset = 0, bOffset = 0;
    for (int64_t rowStart = 0; rowStart < total; rowStart += inner) {
        for (int64_t col = 0; col < inner; ++col)
            y[rowStart + col] = f(a[aOffset + col * aInner], b[bOffset + col * bInner]);
        for (int axis = static_cast<int>(rank) - 2; axis >= 0; --axis) {
            aOffset += aStrides[axis];
            bOffset += bStrides[axis];
            if (++coord[axis] < yShape[axis])
                break;
            aOffset -= aStrides[axis] * yShape[axis];
            bOffset -= bStrides[axis] * yShape[axis];
            coord[axis] = 0;
        }
    }
}

template <typename T>
void applyKind(const Node& node, BinaryArithmetic kind, const std::vector<T>& a,
               const Shape& aShape, const std::vector<T>& b, const Shape& bShape, std::vector<T>& y,
               const Shape& yShape)
{
    switch (kind) {
    case BinaryArithmetic::Add:
        broadcastApply(a, aShape, b, bShape, y, yShape, [](T l, T r) { return l + r; });
        break;
    case BinaryArithmetic::Sub:
        broadcastApply(a, aShape, b, bShape, y, yShape, [](T l, T r) { return l - r; });
        break;
    case BinaryArithmetic::Mul:
        broadcastApply(a, aShape, b, bShape, y, yShape, [](T l, T r) { return l * r; });
        break;
    case BinaryArithmetic::Div:
        if constexpr (std::is_integral_v<T>) {
            for (T divisor : b)
                if (divisor == 0)
                    failNode(node, "integer division by zero");
        }
        broadcastApply(a, aShape, b, bShape, y, yShape, [](T l, T r) { return l / r; });
        break;
    }
}

} // namespace

OpDef makeBinaryArithmeticOp(const std::string& opType, BinaryArithmetic kind)
{
    OpDef op;
    op.opType = opType;
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>&) -> std::vector<Shape> {
        if (in.size() != 2)
            failNode(node, "needs exactly two inputs");
        return {broadcastShapes(node, in[0], in[1])};
    };
    op.run = [kind](const Node& node, const std::vector<const Tensor*>& in,
                    std::vector<Tensor>& out, const RunControl&) {
        const Tensor& a = requireInput(node, in, 0, "A");
        const Tensor& b = requireInput(node, in, 1, "B");
        if (a.dtype != b.dtype)
            failNode(node, std::string("operand types differ: ") + dtypeName(a.dtype) + " and " +
                               dtypeName(b.dtype));
        if (a.dtype != DType::Float32 && a.dtype != DType::Int64)
            failNode(node, std::string("element type ") + dtypeName(a.dtype) +
                               " is not supported (float32 and int64 are)");
        const Shape yShape = broadcastShapes(node, a.shape, b.shape);
        Tensor y = Tensor::zeros(a.dtype, yShape);
        if (a.dtype == DType::Float32)
            applyKind(node, kind, a.f, a.shape, b.f, b.shape, y.f, yShape);
        else
            applyKind(node, kind, a.i64, a.shape, b.i64, b.shape, y.i64, yShape);
        out[0] = std::move(y);
    };
    return op;
}

} // namespace ql
