#include "core/ops/pad.h"

#include <optional>

#include "core/ops/op_utils.h"

// Pad, per axis with input size d and pads (begin, end): the output size is d + begin + end,
// and output coordinate o reads input coordinate i = o - begin when 0 <= i < d; outside:
//   constant: the constant value (default 0)
//   edge:     i clamped to [0, d - 1]
//   reflect:  i mirrored about the edges without repeating them (-1 -> 1, d -> d - 2)
// PyTorch exports AvgPool2d and F.pad through it (often with all-zero pads).

namespace ql {

namespace {

enum PadInput
{
    kData = 0,
    kPads = 1,
    kConstantValue = 2,
    kAxes = 3
};

// Per-axis (begin, end) pads, or nullopt when the pads are only known at run time.
std::optional<std::vector<int64_t>> padsFor(const Node& node, const std::vector<const Tensor*>& in,
                                            int64_t rank)
{
    std::vector<int64_t> pads;
    std::vector<int64_t> axes;
    if (node.inputs.size() > kPads && !node.inputs[kPads].empty()) {
        const Tensor* t = optionalInput(in, kPads);
        if (!t)
            return std::nullopt;
        pads = intValues(node, *t, "pads");
        if (node.inputs.size() > kAxes && !node.inputs[kAxes].empty()) {
            const Tensor* a = optionalInput(in, kAxes);
            if (!a)
                return std::nullopt;
            axes = intValues(node, *a, "axes");
        }
    } else {
        pads = node.attrInts("pads");
    }
    if (axes.empty())
        for (int64_t axis = 0; axis < rank; ++axis)
            axes.push_back(axis);
    if (pads.size() != 2 * axes.size())
        failNode(node, "pads has " + std::to_string(pads.size()) + " values for " +
                           std::to_string(axes.size()) + " axes");
    std::vector<int64_t> full(2 * rank, 0);
    for (size_t i = 0; i < axes.size(); ++i) {
        const int64_t axis = normalizeAxis(node, axes[i], rank);
        full[axis] = pads[i];
        full[axis + rank] = pads[i + axes.size()];
    }
    return full;
}

Shape paddedShape(const Node& node, const Shape& in, const std::vector<int64_t>& pads)
{
    const int64_t rank = static_cast<int64_t>(in.size());
    Shape out(in);
    for (int64_t axis = 0; axis < rank; ++axis) {
        // A negative pad crops; cropping more than the dim on one side is meaningless (and
        // -2^63 would overflow the coordinate math of the copy).
        if (pads[axis] < -in[axis] || pads[axis + rank] < -in[axis])
            failNode(node, "pads crop more than the input " + shapeToString(in));
        const std::optional<int64_t> both = checkedAdd(pads[axis], pads[axis + rank]);
        out[axis] = noOverflow(node, both ? checkedAdd(in[axis], *both) : std::nullopt,
                               "padded size of axis " + std::to_string(axis));
        if (out[axis] < 0)
            failNode(node, "pads crop more than the input " + shapeToString(in));
    }
    return out;
}

std::string padMode(const Node& node)
{
    const std::string mode = node.attrString("mode", "constant");
    if (mode != "constant" && mode != "reflect" && mode != "edge")
        failNode(node, "mode '" + mode + "' is not supported");
    return mode;
}

// Input coordinate for output coordinate `o` along an axis, or -1 for the constant.
int64_t sourceIndex(int64_t o, int64_t begin, int64_t size, const std::string& mode)
{
    int64_t i = o - begin;
    if (i >= 0 && i < size)
        return i;
    if (mode == "constant" || size == 0)
        return -1;
    if (mode == "edge")
        return i < 0 ? 0 : size - 1;
    if (size == 1)
        return 0;
    const int64_t period = 2 * (size - 1); // reflect: mirror without repeating the edge
    i %= period;
    if (i < 0)
        i += period;
    return i < size ? i : period - i;
}

void runPad(const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
            const RunControl&)
{
    const Tensor& x = requireInput(node, in, kData, "data");
    const std::string mode = padMode(node);
    const int64_t rank = x.rank();
    const std::optional<std::vector<int64_t>> pads = padsFor(node, in, rank);
    if (!pads)
        failNode(node, "missing pads");
    const Shape outShape = paddedShape(node, x.shape, *pads);
    Tensor y = Tensor::zeros(x.dtype, outShape);
    const Tensor* fill = optionalInput(in, kConstantValue);
    const double value = fill && fill->numel() > 0 ? fill->at(0) : node.attrFloat("value", 0.0f);
    if (mode == "reflect")
        for (int64_t axis = 0; axis < rank; ++axis)
            if (x.shape[axis] > 0 &&
                ((*pads)[axis] >= x.shape[axis] || (*pads)[axis + rank] >= x.shape[axis]))
                failNode(node, "reflect pads must be smaller than the input dims");

    const std::vector<int64_t> inStrides = stridesOf(x.shape);
    std::vector<int64_t> coord(rank, 0);
    const int64_t count = numelOf(outShape);
    for (int64_t outIndex = 0; outIndex < count; ++outIndex) {
        int64_t flat = 0;
        for (int64_t axis = 0; axis < rank && flat >= 0; ++axis) {
            const int64_t i = sourceIndex(coord[axis], (*pads)[axis], x.shape[axis], mode);
            flat = i < 0 ? -1 : flat + i * inStrides[axis];
        }
        if (y.dtype == DType::Float32)
            y.f[outIndex] = flat < 0 ? static_cast<float>(value) : x.f[flat];
        else if (y.dtype == DType::Int64)
            y.i64[outIndex] = flat < 0 ? static_cast<int64_t>(value) : x.i64[flat];
        else
            y.q[outIndex] = flat < 0 ? static_cast<int32_t>(value) : x.q[flat];
        for (int64_t axis = rank - 1; axis >= 0; --axis) {
            if (++coord[axis] < outShape[axis])
                break;
            coord[axis] = 0;
        }
    }
    out[0] = std::move(y);
}

} // namespace

OpDef makePadOp()
{
    OpDef op;
    op.opType = "Pad";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>& constIn) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input data");
        padMode(node);
        const auto pads = padsFor(node, constIn, static_cast<int64_t>(in[kData].size()));
        if (!pads)
            return {};
        return {paddedShape(node, in[kData], *pads)};
    };
    op.run = runPad;
    return op;
}

} // namespace ql
