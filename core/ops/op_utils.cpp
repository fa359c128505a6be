#include "core/ops/op_utils.h"

#include <algorithm>

namespace ql {

void failNode(const Node& node, const std::string& what)
{
    throw Error("node '" + node.name + "' (" + node.opType + "): " + what);
}

int64_t noOverflow(const Node& node, std::optional<int64_t> value, const std::string& what)
{
    if (!value)
        failNode(node, what + " overflows int64");
    return *value;
}

int64_t numelChecked(const Node& node, const Shape& shape, const char* what)
{
    return noOverflow(node, checkedProduct(shape),
                      std::string("element count of ") + what + " " + shapeToString(shape));
}

int64_t normalizeAxis(const Node& node, int64_t axis, int64_t rank)
{
    if (axis < -rank || axis >= rank)
        failNode(node,
                 "axis " + std::to_string(axis) + " out of range for rank " + std::to_string(rank));
    return axis < 0 ? axis + rank : axis;
}

std::vector<int64_t> stridesOf(const Shape& shape)
{
    std::vector<int64_t> strides(shape.size(), 1);
    for (int axis = static_cast<int>(shape.size()) - 2; axis >= 0; --axis)
        strides[axis] = strides[axis + 1] * std::max<int64_t>(shape[axis + 1], 1);
    return strides;
}

bool shapeKnown(const Shape& shape)
{
    return std::all_of(shape.begin(), shape.end(), [](int64_t d) { return d >= 0; });
}

Shape broadcastShapes(const Node& node, const Shape& a, const Shape& b)
{
    const size_t rank = std::max(a.size(), b.size());
    Shape out(rank);
    for (size_t i = 0; i < rank; ++i) {
        // Right-aligned: missing leading dims behave as 1.
        const int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
        const int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
        if (da == db || db == 1)
            out[i] = da;
        else if (da == 1)
            out[i] = db;
        else if (da < 0 || db < 0)
            out[i] = -1;
        else
            failNode(node, "shapes " + shapeToString(a) + " and " + shapeToString(b) +
                               " do not broadcast");
    }
    return out;
}

std::vector<int64_t> broadcastStrides(const Shape& in, const Shape& out)
{
    const std::vector<int64_t> inStrides = stridesOf(in);
    std::vector<int64_t> strides(out.size(), 0);
    const size_t offset = out.size() - in.size();
    for (size_t i = 0; i < in.size(); ++i)
        strides[offset + i] = in[i] == 1 ? 0 : inStrides[i];
    return strides;
}

const Tensor& requireInput(const Node& node, const std::vector<const Tensor*>& in, size_t index,
                           const char* what)
{
    if (index >= in.size() || !in[index])
        failNode(node, std::string("missing input '") + what + "'");
    return *in[index];
}

const Tensor* optionalInput(const std::vector<const Tensor*>& in, size_t index)
{
    return index < in.size() ? in[index] : nullptr;
}

void requireFloat(const Node& node, const Tensor& t, const char* what)
{
    if (t.dtype != DType::Float32)
        failNode(node,
                 std::string("input '") + what + "' must be float32, got " + dtypeName(t.dtype));
}

std::optional<DType> dtypeFromOnnxType(int64_t onnxType)
{
    switch (onnxType) {
    case 1:
        return DType::Float32;
    case 2:
        return DType::UInt8;
    case 3:
        return DType::Int8;
    case 4:
        return DType::UInt16;
    case 5:
        return DType::Int16;
    case 6:
        return DType::Int32;
    case 7:
        return DType::Int64;
    case 9:
        return DType::Bool;
    default:
        return std::nullopt;
    }
}

std::vector<int64_t> intValues(const Node& node, const Tensor& t, const char* what)
{
    if (t.dtype == DType::Float32)
        failNode(node, std::string("input '") + what + "' must be an integer tensor");
    return t.toInt64Vector();
}

void copyElements(const Tensor& src, int64_t srcOffset, Tensor& dst, int64_t dstOffset,
                  int64_t count)
{
    if (count <= 0)
        return;
    if (src.dtype == DType::Float32)
        std::copy_n(src.f.begin() + srcOffset, count, dst.f.begin() + dstOffset);
    else if (src.dtype == DType::Int64)
        std::copy_n(src.i64.begin() + srcOffset, count, dst.i64.begin() + dstOffset);
    else
        std::copy_n(src.q.begin() + srcOffset, count, dst.q.begin() + dstOffset);
}

template <typename T>
static void gatherInto(const std::vector<T>& src, std::vector<T>& dst,
                       const std::vector<int64_t>& flatIndices)
{
    for (size_t outIndex = 0; outIndex < flatIndices.size(); ++outIndex)
        dst[outIndex] = src[static_cast<size_t>(flatIndices[outIndex])];
}

Tensor gatherFlat(const Tensor& src, Shape outShape, const std::vector<int64_t>& flatIndices)
{
    Tensor out = Tensor::zeros(src.dtype, std::move(outShape));
    if (src.dtype == DType::Float32)
        gatherInto(src.f, out.f, flatIndices);
    else if (src.dtype == DType::Int64)
        gatherInto(src.i64, out.i64, flatIndices);
    else
        gatherInto(src.q, out.q, flatIndices);
    return out;
}

Tensor reshapedCopy(const Tensor& src, Shape newShape)
{
    Tensor out = src;
    out.shape = std::move(newShape);
    return out;
}

WindowGeometry windowGeometry(const Node& node, const Shape& inShape,
                              const std::vector<int64_t>& kernelFromWeights, bool ceilMode)
{
    if (inShape.size() < 3)
        failNode(node, "input must be [N, C, spatial...], got " + shapeToString(inShape));
    const size_t spatial = inShape.size() - 2;
    WindowGeometry g;
    g.inSize.assign(inShape.begin() + 2, inShape.end());
    g.kernel = node.attrInts("kernel_shape", kernelFromWeights);
    g.strides = node.attrInts("strides", std::vector<int64_t>(spatial, 1));
    g.dilations = node.attrInts("dilations", std::vector<int64_t>(spatial, 1));
    const std::vector<int64_t> pads = node.attrInts("pads", std::vector<int64_t>(2 * spatial, 0));
    if (g.kernel.size() != spatial || g.strides.size() != spatial ||
        g.dilations.size() != spatial || pads.size() != 2 * spatial)
        failNode(node, "kernel_shape/strides/dilations/pads do not match " +
                           std::to_string(spatial) + " spatial dims");
    for (size_t axis = 0; axis < spatial; ++axis) {
        if (g.kernel[axis] < 1 || g.strides[axis] < 1 || g.dilations[axis] < 1)
            failNode(node, "kernel, strides and dilations must be positive");
        if (pads[axis] < 0 || pads[axis + spatial] < 0)
            failNode(node, "negative pads are not supported");
    }
    g.padBegin.assign(pads.begin(), pads.begin() + spatial);
    g.padEnd.assign(pads.begin() + spatial, pads.end());
    g.outSize.resize(spatial);

    const std::string autoPad = node.attrString("auto_pad", "NOTSET");
    for (size_t axis = 0; axis < spatial; ++axis) {
        const int64_t in = g.inSize[axis];
        const int64_t stride = g.strides[axis];
        // Every step is checked: kernel, dilations and pads come from the file (2^62 fits in
        // an attribute) and an overflow here would size the output buffer wrongly.
        const std::string where = " of spatial axis " + std::to_string(axis);
        const int64_t extent =
            noOverflow(node, checkedMulAdd(g.kernel[axis] - 1, g.dilations[axis], 1),
                       "dilated kernel extent" + where);
        if (in < 0) {
            g.outSize[axis] = -1;
            continue;
        }
        if (autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER") {
            const int64_t out =
                noOverflow(node, checkedAdd(in, stride - 1), "input size" + where) / stride;
            const int64_t reach = noOverflow(node, checkedMulAdd(out - 1, stride, extent),
                                             "SAME padding" + where);
            const int64_t total = std::max<int64_t>(0, reach - in);
            const int64_t small = total / 2;
            g.padBegin[axis] = autoPad == "SAME_UPPER" ? small : total - small;
            g.padEnd[axis] = total - g.padBegin[axis];
            g.outSize[axis] = out;
            continue;
        }
        if (autoPad == "VALID") {
            g.padBegin[axis] = 0;
            g.padEnd[axis] = 0;
        } else if (autoPad != "NOTSET") {
            failNode(node, "unknown auto_pad '" + autoPad + "'");
        }
        const std::optional<int64_t> padBoth = checkedAdd(g.padBegin[axis], g.padEnd[axis]);
        const int64_t padded = noOverflow(node, padBoth ? checkedAdd(in, *padBoth) : std::nullopt,
                                          "padded input size" + where);
        const int64_t span = padded - extent; // both >= 0: cannot overflow
        if (span < 0)
            failNode(node, "kernel larger than the padded input " + shapeToString(inShape));
        const int64_t roundUp =
            ceilMode ? noOverflow(node, checkedAdd(span, stride - 1), "output size" + where) : span;
        int64_t out = (ceilMode ? roundUp : span) / stride + 1;
        if (ceilMode && (out - 1) * stride >= in + g.padBegin[axis])
            --out; // the last window would start inside the end padding
        g.outSize[axis] = out;
    }
    return g;
}

WindowGeometry geometryAs2d(const Node& node, WindowGeometry g)
{
    if (g.spatialRank() == 2)
        return g;
    if (g.spatialRank() != 1)
        failNode(node, std::to_string(g.spatialRank()) +
                           "-D windows are not supported (only 1-D and 2-D)");
    auto prepend = [](std::vector<int64_t>& v, int64_t value) { v.insert(v.begin(), value); };
    prepend(g.inSize, 1);
    prepend(g.outSize, 1);
    prepend(g.kernel, 1);
    prepend(g.strides, 1);
    prepend(g.dilations, 1);
    prepend(g.padBegin, 0);
    prepend(g.padEnd, 0);
    return g;
}

} // namespace ql
