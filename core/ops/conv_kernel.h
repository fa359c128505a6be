#pragma once
// FP32 convolution with stride 1 as a GEMM over shifted views of a zero-padded image — no
// im2col copy.
//
// With the image zero-padded to [C][PH][PW], output (oy, ox) of tap k = (c, ky, kx) reads
// pixel padded[c][oy + ky·dy][ox + kx·dx]. Number the GEMM columns along the padded rows,
// col = oy·PW + ox (ox < PW): the pixels one tap reads for consecutive columns are then
// consecutive pixels, so row k of the im2col matrix IS the slice padded + offset(k),
// offset(k) = (c·PH + ky·dy)·PW + kx·dx, and
//   C[m][col] = Σ_k W[m][k] · padded[offset(k) + col]
// is computed straight from the image. Columns with ox ≥ outW are junk (never read back); the
// price is PW/outW more columns. The kernel keeps a block of C (6 rows × 16–64 columns) in registers
// over all K taps (outer-product form: one broadcast weight times whole vectors of pixels;
// the block shape per instruction set: core/isa/shifted_conv_kernel.inc).

#include <cstdint>
#include <vector>

#include "core/ops/im2col.h"

namespace ql {

struct ShiftedConv
{
    int64_t channels, height, width;     // input plane size (unpadded)
    int64_t outHeight, outWidth;         // = height + pads − (k − 1)·d
    int64_t kernelH, kernelW, dilationH, dilationW, padTop, padLeft, padBottom, padRight;
};

// y: [M][outHeight·outWidth] = W · patches + bias, W: [M][channels·kH·kW] row-major, bias: M
// values or null. `scratch` is reused between calls (padded image and C).
void shiftedConv(const ShiftedConv& g, int64_t M, const float* image, const float* W,
                 const float* bias, float* y, std::vector<float>& scratch);

// Any other geometry (stride > 1, negative padding): row k = (c, ky, kx) of the im2col matrix
// (im2col.h) is gathered into the scratch buffer with a row stride npad (outH·outW rounded up
// to 16, the tail zeroed), and the same register-blocked kernel runs with offsets(k) = k·npad:
//   y[m][p] = (Σ_k W[m][k] · col[k][p]) + bias[m],  k ascending from 0, multiply and add apart,
// the order shiftedConv (and the naive loop) uses, so every path and both conv paths agree on
// the same floats. image: [channels][inH][inW]; W: [M][channels·kH·kW]; y: [M][outH·outW].
void im2colConv(const Im2colGeometry& g, int64_t channels, int64_t kernelH, int64_t kernelW,
                int64_t M, const float* image, const float* W, const float* bias, float* y,
                std::vector<float>& scratch);

} // namespace ql
