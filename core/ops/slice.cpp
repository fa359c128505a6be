#include "core/ops/slice.h"

#include <algorithm>
#include <optional>

#include "core/ops/op_utils.h"

// Per sliced axis with size d, step s != 0 and bounds made non-negative by adding d:
//   s > 0: start, end clamped to [0, d];      length = max(0, ceil((end - start) / s))
//   s < 0: start clamped to [0, d-1], end to [-1, d-1]; length = max(0, ceil((start - end) / -s))
// and output index k along the axis reads input index start + k * s.

namespace ql {

namespace {

enum SliceInput
{
    kData = 0,
    kStarts = 1,
    kEnds = 2,
    kAxes = 3,
    kSteps = 4
};

struct AxisSlice
{
    int64_t start = 0, step = 1, length = 0;
};

struct SliceParams
{
    std::vector<int64_t> starts, ends, axes, steps;
};

// nullopt when a needed input is not known (shape pass before run time).
std::optional<SliceParams> sliceParams(const Node& node, const std::vector<const Tensor*>& in)
{
    SliceParams p;
    const bool fromInputs = node.inputs.size() > kStarts;
    if (!fromInputs) { // opset < 10
        p.starts = node.attrInts("starts");
        p.ends = node.attrInts("ends");
        p.axes = node.attrInts("axes");
        return p;
    }
    auto read = [&](int index, std::vector<int64_t>& dst, const char* what) {
        if (static_cast<size_t>(index) >= node.inputs.size() || node.inputs[index].empty())
            return true; // omitted optional input
        const Tensor* t = optionalInput(in, index);
        if (!t)
            return false;
        dst = intValues(node, *t, what);
        return true;
    };
    if (!read(kStarts, p.starts, "starts") || !read(kEnds, p.ends, "ends") ||
        !read(kAxes, p.axes, "axes") || !read(kSteps, p.steps, "steps"))
        return std::nullopt;
    return p;
}

std::vector<AxisSlice> planSlice(const Node& node, const Shape& in, SliceParams p)
{
    const int64_t rank = static_cast<int64_t>(in.size());
    if (p.axes.empty())
        for (size_t i = 0; i < p.starts.size(); ++i)
            p.axes.push_back(static_cast<int64_t>(i));
    if (p.steps.empty())
        p.steps.assign(p.starts.size(), 1);
    if (p.ends.size() != p.starts.size() || p.axes.size() != p.starts.size() ||
        p.steps.size() != p.starts.size())
        failNode(node, "starts, ends, axes and steps have different lengths");
    std::vector<AxisSlice> plan(rank);
    for (int64_t dim = 0; dim < rank; ++dim)
        plan[dim].length = in[dim];
    std::vector<bool> seen(rank, false);
    for (size_t i = 0; i < p.starts.size(); ++i) {
        const int64_t axis = normalizeAxis(node, p.axes[i], rank);
        if (seen[axis])
            failNode(node, "repeated axis " + std::to_string(p.axes[i]));
        seen[axis] = true;
        const int64_t size = in[axis];
        const int64_t step = p.steps[i];
        if (step == 0)
            failNode(node, "step 0");
        int64_t start = p.starts[i] < 0 ? p.starts[i] + size : p.starts[i];
        int64_t end = p.ends[i] < 0 ? p.ends[i] + size : p.ends[i];
        int64_t length = 0;
        if (step > 0) {
            start = std::clamp<int64_t>(start, 0, size);
            end = std::clamp<int64_t>(end, 0, size);
            length = end > start ? (end - start + step - 1) / step : 0;
        } else {
            start = std::clamp<int64_t>(start, 0, size - 1);
            end = std::clamp<int64_t>(end, -1, size - 1);
            length = start > end ? (start - end - step - 1) / -step : 0;
        }
        plan[axis] = {start, step, length};
    }
    return plan;
}

Shape sliceShape(const std::vector<AxisSlice>& plan)
{
    Shape out;
    for (const AxisSlice& s : plan)
        out.push_back(s.length);
    return out;
}

} // namespace

OpDef makeSliceOp()
{
    OpDef op;
    op.opType = "Slice";
    op.inferShapes = [](const Node& node, const std::vector<Shape>& in,
                        const std::vector<const Tensor*>& constIn) -> std::vector<Shape> {
        if (in.empty())
            failNode(node, "needs input data");
        const std::optional<SliceParams> p = sliceParams(node, constIn);
        if (!p || !shapeKnown(in[kData]))
            return {};
        return {sliceShape(planSlice(node, in[kData], *p))};
    };
    op.run = [](const Node& node, const std::vector<const Tensor*>& in, std::vector<Tensor>& out,
                const RunControl&) {
        const Tensor& x = requireInput(node, in, kData, "data");
        const std::optional<SliceParams> p = sliceParams(node, in);
        if (!p)
            failNode(node, "missing starts/ends");
        const std::vector<AxisSlice> plan = planSlice(node, x.shape, *p);
        const Shape outShape = sliceShape(plan);
        const std::vector<int64_t> inStrides = stridesOf(x.shape);
        const int64_t count = numelOf(outShape);
        // Flat input index of every output element: an odometer over the output coords.
        std::vector<int64_t> source(count);
        std::vector<int64_t> coord(outShape.size(), 0);
        for (int64_t outIndex = 0; outIndex < count; ++outIndex) {
            int64_t flat = 0;
            for (size_t dim = 0; dim < outShape.size(); ++dim)
                flat += (plan[dim].start + coord[dim] * plan[dim].step) * inStrides[dim];
            source[outIndex] = flat;
            for (int dim = static_cast<int>(outShape.size()) - 1; dim >= 0; --dim) {
                if (++coord[dim] < outShape[dim])
                    break;
                coord[dim] = 0;
            }
        }
        out[0] = gatherFlat(x, outShape, source);
    };
    return op;
}

} // namespace ql
