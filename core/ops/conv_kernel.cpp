#include "core/ops/conv_kernel.h"

#include <algorithm>
#include <cstring>

#include "core/isa/kernel_choice.h"

namespace ql {

namespace {

// The kernels work on whole vectors of 16 floats (core/isa/shifted_conv_kernel.inc).
constexpr int64_t kLanes = 16;
// Output channels per kernel call: the kernel walks its column panels outermost over all of
// them (each panel of the image read once per 6-row register block, from L1), and C
// (kMaxRows × npad) is copied out while it is still in L2.
constexpr int kMaxRows = 24;

// One row block on the path activeIsa() chose; every path returns the same floats.
void rowsOnActiveIsa(int rows, int64_t npad, int64_t K, const float* w, const float* padded,
                     const int64_t* offsets, float* c)
{
    QL_ACTIVE_KERNEL(shiftedConvRows)(rows, npad, K, w, padded, offsets, c);
}

// y = C + bias for all M rows, kMaxRows at a time: each block's C (kMaxRows × npad) is written
// once and copied out while it is still in cache. Output (oy, ox) of row r is C column
// oy·rowStride + ox.
void blockedRows(int64_t M, int64_t npad, int64_t K, const float* W, const float* source,
                 const int64_t* offsets, float* c, const float* bias, float* y, int64_t outH,
                 int64_t outW, int64_t rowStride)
{
    for (int64_t m0 = 0; m0 < M; m0 += kMaxRows) {
        const int64_t rows = std::min<int64_t>(kMaxRows, M - m0);
        rowsOnActiveIsa(static_cast<int>(rows), npad, K, W + m0 * K, source, offsets, c);
        for (int64_t r = 0; r < rows; ++r) {
            const float b = bias ? bias[m0 + r] : 0.0f;
            float* out = y + (m0 + r) * outH * outW;
            for (int64_t oy = 0; oy < outH; ++oy)
                for (int64_t ox = 0; ox < outW; ++ox)
                    out[oy * outW + ox] = c[r * npad + oy * rowStride + ox] + b;
        }
    }
}

} // namespace

void shiftedConv(const ShiftedConv& g, int64_t M, const float* image, const float* W,
                 const float* bias, float* y, std::vector<float>& scratch)
{
    const int64_t ph = g.height + g.padTop + g.padBottom;
    const int64_t pw = g.width + g.padLeft + g.padRight;
    const int64_t K = g.channels * g.kernelH * g.kernelW;
    const int64_t columns = g.outHeight * pw;
    const int64_t npad = (columns + kLanes - 1) / kLanes * kLanes;
    // The last tap's slice runs npad pixels from its offset: zeros after the planes keep
    // every read inside the buffer.
    std::vector<int64_t> offsets(static_cast<size_t>(K));
    int64_t last = 0;
    for (int64_t c = 0; c < g.channels; ++c)
        for (int64_t ky = 0; ky < g.kernelH; ++ky)
            for (int64_t kx = 0; kx < g.kernelW; ++kx) {
                const int64_t k = (c * g.kernelH + ky) * g.kernelW + kx;
                offsets[k] = (c * ph + ky * g.dilationH) * pw + kx * g.dilationW;
                last = std::max(last, offsets[k]);
            }
    const int64_t padded_size = std::max(g.channels * ph * pw, last + npad);
    scratch.resize(static_cast<size_t>(padded_size + kMaxRows * npad));
    float* padded = scratch.data();
    float* c = padded + padded_size;
    std::fill(padded, padded + padded_size, 0.0f);
    for (int64_t ch = 0; ch < g.channels; ++ch)
        for (int64_t iy = 0; iy < g.height; ++iy)
            std::copy(image + (ch * g.height + iy) * g.width,
                      image + (ch * g.height + iy + 1) * g.width,
                      padded + (ch * ph + iy + g.padTop) * pw + g.padLeft);

    blockedRows(M, npad, K, W, padded, offsets.data(), c, bias, y, g.outHeight, g.outWidth, pw);
}

void im2colConv(const Im2colGeometry& g, int64_t channels, int64_t kernelH, int64_t kernelW,
                int64_t M, const float* image, const float* W, const float* bias, float* y,
                std::vector<float>& scratch)
{
    const int64_t K = channels * kernelH * kernelW;
    const int64_t plane = g.outH * g.outW;
    const int64_t npad = (plane + kLanes - 1) / kLanes * kLanes;
    scratch.resize(static_cast<size_t>((K + kMaxRows) * npad));
    float* col = scratch.data();
    float* c = col + K * npad;
    std::vector<int64_t> offsets(static_cast<size_t>(K));
    for (int64_t in_channel = 0; in_channel < channels; ++in_channel)
        for (int64_t filter_y = 0; filter_y < kernelH; ++filter_y)
            for (int64_t filter_x = 0; filter_x < kernelW; ++filter_x) {
                const int64_t k = (in_channel * kernelH + filter_y) * kernelW + filter_x;
                float* row = col + k * npad;
                im2colRow(g, image + in_channel * g.inH * g.inW, filter_y, filter_x, row);
                std::fill(row + plane, row + npad, 0.0f); // read by the last vector, never kept
                offsets[size_t(k)] = k * npad;
            }
    blockedRows(M, npad, K, W, col, offsets.data(), c, bias, y, g.outH, g.outW, g.outW);
}

} // namespace ql
