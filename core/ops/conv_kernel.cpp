#include "core/ops/conv_kernel.h"

#include <algorithm>
#include <cstring>

namespace ql {

namespace {

// 16 floats: one AVX-512 register (GCC splits it on narrower targets).
using Vec = float __attribute__((vector_size(64)));
constexpr int64_t kLanes = 16;
constexpr int kMaxRows = 4;
constexpr int kMaxVectors = 4;

// C[r][v·16 + i] = Σ_k w[r·K + k] · src(k)[v·16 + i] for MR rows and NV vectors, where
// src(k) = base + offsets[k] (+ n0 by the caller).
template <int MR, int NV>
void block(int64_t K, const float* w, const float* base, const int64_t* offsets, float* c,
           int64_t c_stride)
{
    Vec acc[MR][NV] = {};
    for (int64_t k = 0; k < K; ++k) {
        const float* src = base + offsets[k];
        Vec b[NV];
        for (int v = 0; v < NV; ++v) // unaligned loads (no helper taking or returning a Vec:
            std::memcpy(&b[v], src + v * kLanes, sizeof(Vec)); // that ABI varies by ISA)
        for (int r = 0; r < MR; ++r) {
            const float wk = w[r * K + k];
            for (int v = 0; v < NV; ++v)
                acc[r][v] += b[v] * wk;
        }
    }
    for (int r = 0; r < MR; ++r)
        for (int v = 0; v < NV; ++v)
            std::memcpy(c + r * c_stride + v * kLanes, &acc[r][v], sizeof(Vec));
}

template <int MR>
void rowBlock(int NV, int64_t K, const float* w, const float* base, const int64_t* offsets,
              float* c, int64_t c_stride)
{
    switch (NV) {
    case 1: return block<MR, 1>(K, w, base, offsets, c, c_stride);
    case 2: return block<MR, 2>(K, w, base, offsets, c, c_stride);
    case 3: return block<MR, 3>(K, w, base, offsets, c, c_stride);
    default: return block<MR, 4>(K, w, base, offsets, c, c_stride);
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

    // Row blocks outermost: each block's C (4 × npad) is written once and copied out while
    // it is still in cache.
    constexpr int64_t panel = kMaxVectors * kLanes;
    for (int64_t m0 = 0; m0 < M; m0 += kMaxRows) {
        const int64_t rows = std::min<int64_t>(kMaxRows, M - m0);
        const float* w = W + m0 * K;
        for (int64_t n0 = 0; n0 < npad; n0 += panel) {
            const int vectors = static_cast<int>(std::min(panel, npad - n0) / kLanes);
            switch (rows) {
            case 1: rowBlock<1>(vectors, K, w, padded + n0, offsets.data(), c + n0, npad); break;
            case 2: rowBlock<2>(vectors, K, w, padded + n0, offsets.data(), c + n0, npad); break;
            case 3: rowBlock<3>(vectors, K, w, padded + n0, offsets.data(), c + n0, npad); break;
            default: rowBlock<4>(vectors, K, w, padded + n0, offsets.data(), c + n0, npad); break;
            }
        }
        for (int64_t r = 0; r < rows; ++r) {
            const float b = bias ? bias[m0 + r] : 0.0f;
            float* out = y + (m0 + r) * g.outHeight * g.outWidth;
            for (int64_t oy = 0; oy < g.outHeight; ++oy)
                for (int64_t ox = 0; ox < g.outWidth; ++ox)
                    out[oy * g.outWidth + ox] = c[r * npad + oy * pw + ox] + b;
        }
    }
}

} // namespace ql
