#include "core/ops/broadcast.h"

#include "core/ops/op_utils.h"

namespace ql {

std::vector<int64_t> broadcastSourceIndices(const Shape& in, const Shape& out)
{
    const int64_t total = numelOf(out);
    std::vector<int64_t> source(static_cast<size_t>(total));
    if (in == out) {
        for (int64_t index = 0; index < total; ++index)
            source[index] = index;
        return source;
    }
    const std::vector<int64_t> strides = broadcastStrides(in, out);
    const size_t rank = out.size();
    std::vector<int64_t> coord(rank, 0);
    int64_t offset = 0;
    for (int64_t index = 0; index < total; ++index) {
        source[index] = offset;
        for (int d = static_cast<int>(rank) - 1; d >= 0; --d) {
            offset += strides[d];
            if (++coord[d] < out[d])
                break;
            offset -= strides[d] * out[d];
            coord[d] = 0;
        }
    }
    return source;
}

void setElement(Tensor& t, int64_t index, double value)
{
    if (t.dtype == DType::Float32)
        t.f[index] = static_cast<float>(value);
    else if (t.dtype == DType::Int64)
        t.i64[index] = static_cast<int64_t>(value);
    else if (t.dtype == DType::Bool)
        t.q[index] = value != 0.0 ? 1 : 0;
    else
        t.q[index] = static_cast<int32_t>(value);
}

} // namespace ql
