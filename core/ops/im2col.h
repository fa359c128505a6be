#pragma once
// One row of the transposed im2col matrix, shared by the FP32 Conv and the integer Conv's packed
// path. For tap (ky, kx) of one input plane, row[oy·outW + ox] is the input pixel that output
// position (oy, ox) reads through that tap,
//   iy = oy·strideY − padTop + ky·dilationY,  ix = ox·strideX − padLeft + kx·dilationX,
// and 0 where (iy, ix) lies in the padding. (For the integer path the plane holds centred codes
// x − Z_x, so 0 there is the quantized zero.) The valid ox range of a tap is computed once, so
// the inner loop is a plain copy (a memcpy-like run for stride 1) with no per-pixel test.

#include <algorithm>
#include <cstdint>

namespace ql {

struct Im2colGeometry
{
    int64_t inH, inW, outH, outW;
    int64_t strideY, strideX, dilationY, dilationX, padTop, padLeft;
};

template <typename T>
void im2colRow(const Im2colGeometry& g, const T* plane, int64_t ky, int64_t kx, T* row)
{
    const int64_t x_offset = kx * g.dilationX - g.padLeft; // ix = ox·strideX + x_offset
    // ox ∈ [ox_begin, ox_end) ⟺ 0 ≤ ix < inW.
    auto ceilDiv = [](int64_t a, int64_t b) { return a >= 0 ? (a + b - 1) / b : -((-a) / b); };
    const int64_t ox_begin = std::clamp<int64_t>(ceilDiv(-x_offset, g.strideX), 0, g.outW);
    const int64_t ox_end = std::clamp<int64_t>(ceilDiv(g.inW - x_offset, g.strideX), ox_begin, g.outW);
    for (int64_t oy = 0; oy < g.outH; ++oy) {
        T* dst = row + oy * g.outW;
        const int64_t iy = oy * g.strideY - g.padTop + ky * g.dilationY;
        if (iy < 0 || iy >= g.inH) {
            std::fill(dst, dst + g.outW, T(0));
            continue;
        }
        const T* src = plane + iy * g.inW;
        std::fill(dst, dst + ox_begin, T(0));
        if (g.strideX == 1)
            std::copy(src + ox_begin + x_offset, src + ox_end + x_offset, dst + ox_begin);
        else
            for (int64_t ox = ox_begin; ox < ox_end; ++ox)
                dst[ox] = src[ox * g.strideX + x_offset];
        std::fill(dst + ox_end, dst + g.outW, T(0));
    }
}

} // namespace ql
