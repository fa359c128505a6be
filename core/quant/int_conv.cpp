#include "core/quant/int_conv.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "core/error.h"
#include "core/quant/int_conv_packed.h"

namespace ql {

int64_t ConvParams::outHeight() const
{
    const int64_t effective_kernel = dilationHeight * (kernelHeight - 1) + 1;
    return (inHeight + padTop + padBottom - effective_kernel) / strideHeight + 1;
}

int64_t ConvParams::outWidth() const
{
    const int64_t effective_kernel = dilationWidth * (kernelWidth - 1) + 1;
    return (inWidth + padLeft + padRight - effective_kernel) / strideWidth + 1;
}

namespace {

constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();
constexpr int64_t kInt32Min = std::numeric_limits<int32_t>::min();

void checkParams(const ConvParams& p)
{
    if (p.group < 1 || p.inChannels % p.group != 0 || p.outChannels % p.group != 0)
        throw Error("integer conv: group " + std::to_string(p.group) +
                    " does not divide the channel counts");
    if (p.strideHeight < 1 || p.strideWidth < 1 || p.dilationHeight < 1 || p.dilationWidth < 1)
        throw Error("integer conv: strides and dilations must be >= 1");
    if (p.kernelHeight < 1 || p.kernelWidth < 1 || p.outHeight() < 1 || p.outWidth() < 1)
        throw Error("integer conv: kernel larger than the padded input");
    const auto nw = static_cast<int64_t>(p.weightZeroPoint.size());
    if (nw != 1 && nw != p.outChannels)
        throw Error("integer conv: weight zero point must be per tensor or per output channel");
}

} // namespace

void im2colPatches(const ConvParams& params, const int32_t* image, int64_t groupIndex,
                   std::vector<int32_t>* patches)
{
    const int64_t in_height = params.inHeight;
    const int64_t in_width = params.inWidth;
    const int64_t channels_per_group = params.inChannels / params.group;
    const int64_t out_height = params.outHeight();
    const int64_t out_width = params.outWidth();
    const int64_t depth = params.depthPerGroup();
    const int32_t pad_code = params.inputZeroPoint; // the quantized zero, not 0
    patches->resize(static_cast<size_t>(out_height * out_width * depth));
    const int64_t kh = params.kernelHeight;
    const int64_t kw = params.kernelWidth;
    const int64_t dh = params.dilationHeight;
    const int64_t dw = params.dilationWidth;
    for (int64_t out_y = 0; out_y < out_height; ++out_y) {
        for (int64_t out_x = 0; out_x < out_width; ++out_x) {
            int32_t* patch = patches->data() + (out_y * out_width + out_x) * depth;
            const int64_t y0 = out_y * params.strideHeight - params.padTop;
            const int64_t x0 = out_x * params.strideWidth - params.padLeft;
            if (y0 >= 0 && y0 + (kh - 1) * dh < in_height && x0 >= 0 &&
                x0 + (kw - 1) * dw < in_width) {
                // Interior patch: the whole window is inside the image, no bounds checks.
                for (int64_t c = 0; c < channels_per_group; ++c) {
                    const int32_t* plane = image + (groupIndex * channels_per_group + c) *
                                                       in_height * in_width +
                                           y0 * in_width + x0;
                    for (int64_t ky = 0; ky < kh; ++ky) {
                        const int32_t* row = plane + ky * dh * in_width;
                        int32_t* dst = patch + (c * kh + ky) * kw;
                        for (int64_t kx = 0; kx < kw; ++kx)
                            dst[kx] = row[kx * dw];
                    }
                }
                continue;
            }
            std::fill(patch, patch + depth, pad_code); // border patch: padding holds Z_x
            for (int64_t c = 0; c < channels_per_group; ++c) {
                const int32_t* plane =
                    image + (groupIndex * channels_per_group + c) * in_height * in_width;
                for (int64_t filter_y = 0; filter_y < params.kernelHeight; ++filter_y) {
                    const int64_t in_y =
                        out_y * params.strideHeight - params.padTop + filter_y * params.dilationHeight;
                    if (in_y < 0 || in_y >= in_height)
                        continue;
                    for (int64_t filter_x = 0; filter_x < params.kernelWidth; ++filter_x) {
                        const int64_t in_x = out_x * params.strideWidth - params.padLeft +
                                             filter_x * params.dilationWidth;
                        if (in_x < 0 || in_x >= in_width)
                            continue;
                        patch[(c * params.kernelHeight + filter_y) * params.kernelWidth + filter_x] =
                            plane[in_y * in_width + in_x];
                    }
                }
            }
        }
    }
}

namespace {

// Direct ("shift and accumulate") convolution for small per-group depths — the depthwise
// 3×3 convs and the 1-channel stem — without im2col. With zero-point-centred codes
//     x̃ = x − Z_x,  w̃[o,·] = w[o,·] − Z_w[o],
//     acc[o, y, x] = Σ_{c ∈ group(o), ky, kx} w̃[o,c,ky,kx] · x̃[c, y + ky − padTop, x + kx − padLeft]
// which is exactly the zero-point expansion the GEMM path computes (padding holds Z_x, i.e.
// x̃ = 0, so the padded plane below is zero there). Each (o, c, ky, kx) adds one scalar
// multiple of a shifted input row to the output rows: the inner loop is contiguous over x
// and vectorises. Acc is int32 when depth · max|x̃| · max|w̃| fits int32 (every partial sum
// then fits), else int64. Integer arithmetic is exact, so results equal the GEMM path's.
template <typename Acc>
void directConvImage(const ConvParams& p, const int32_t* padded, int64_t padded_height,
                     int64_t padded_width, const int32_t* wc, Acc* buf, int64_t* acc_image)
{
    const int64_t out_height = p.outHeight();
    const int64_t out_width = p.outWidth();
    const int64_t positions = out_height * out_width;
    const int64_t group_in = p.inChannels / p.group;
    const int64_t group_out = p.outChannels / p.group;
    const int64_t depth = p.depthPerGroup();
    const int64_t kh = p.kernelHeight;
    const int64_t kw = p.kernelWidth;
    // buf is indexed in padded-row coordinates (y · padded_width + x) so that each tap is one
    // contiguous run of `span` elements; the columns x ≥ out_width of each row are junk (still
    // sums of depth bounded products, so no overflow) and are dropped when copying out.
    const int64_t span = (out_height - 1) * padded_width + out_width;
    for (int64_t o = 0; o < p.outChannels; ++o) {
        const int64_t g = o / group_out;
        std::fill(buf, buf + span, Acc(0));
        for (int64_t c = 0; c < group_in; ++c) {
            const int32_t* plane = padded + (g * group_in + c) * padded_height * padded_width;
            for (int64_t ky = 0; ky < kh; ++ky) {
                for (int64_t kx = 0; kx < kw; ++kx) {
                    const Acc wv = static_cast<Acc>(wc[o * depth + (c * kh + ky) * kw + kx]);
                    if (wv == 0)
                        continue;
                    const int32_t* src = plane + ky * padded_width + kx;
                    for (int64_t i = 0; i < span; ++i)
                        buf[i] += wv * static_cast<Acc>(src[i]);
                }
            }
        }
        int64_t* out = acc_image + o * positions;
        for (int64_t y = 0; y < out_height; ++y)
            for (int64_t x = 0; x < out_width; ++x)
                out[y * out_width + x] = buf[y * padded_width + x];
    }
}

// Runs the direct path when it applies (stride 1, dilation 1, non-negative padding — then
// every input pixel lies in some patch, so max|x̃| over the input equals the GEMM path's
// max over the patches — and a small per-group depth). Returns false to fall back.
bool directConv(const ConvParams& p, const int32_t* x, const int32_t* w, int64_t* acc,
                int64_t* max_x_out, int64_t* max_w_out)
{
    constexpr int64_t kMaxDirectDepth = 32;
    const int64_t depth = p.depthPerGroup();
    if (p.strideHeight != 1 || p.strideWidth != 1 || p.dilationHeight != 1 ||
        p.dilationWidth != 1 || p.padTop < 0 || p.padLeft < 0 || p.padBottom < 0 ||
        p.padRight < 0 || depth > kMaxDirectDepth || p.batch < 1)
        return false;
    const bool per_channel = p.weightZeroPoint.size() > 1;
    std::vector<int32_t> wc(static_cast<size_t>(p.outChannels * depth));
    int64_t max_w = 0;
    for (int64_t o = 0; o < p.outChannels; ++o) {
        const int64_t z = p.weightZeroPoint[per_channel ? o : 0];
        for (int64_t k = 0; k < depth; ++k) {
            const int64_t v = int64_t(w[o * depth + k]) - z;
            if (v > kInt32Max || v < kInt32Min)
                return false;
            wc[o * depth + k] = static_cast<int32_t>(v);
            max_w = std::max<int64_t>(max_w, std::abs(v));
        }
    }
    const int64_t image_size = p.inChannels * p.inHeight * p.inWidth;
    const int64_t zx = p.inputZeroPoint;
    const int64_t max_x = maxAbsCentred(x, p.batch * image_size, zx);
    if (max_x > kInt32Max)
        return false;
    const double bound = double(depth) * double(max_x) * double(max_w);
    const bool int32_ok = bound <= double(kInt32Max);
    if (!int32_ok && bound >= 0x1p62)
        return false; // int64 partial sums could overflow: the GEMM path handles it
    const int64_t ph = p.inHeight + p.padTop + p.padBottom;
    const int64_t pw = p.inWidth + p.padLeft + p.padRight;
    const int64_t positions = p.outHeight() * p.outWidth();
    std::vector<int32_t> padded(static_cast<size_t>(p.inChannels * ph * pw), 0);
    const int64_t span = (p.outHeight() - 1) * pw + p.outWidth();
    std::vector<int32_t> buf32(int32_ok ? static_cast<size_t>(span) : 0);
    std::vector<int64_t> buf64(int32_ok ? 0 : static_cast<size_t>(span));
    for (int64_t n = 0; n < p.batch; ++n) {
        // Centred input with a zero border (the padding code Z_x centres to 0).
        for (int64_t c = 0; c < p.inChannels; ++c)
            for (int64_t y = 0; y < p.inHeight; ++y) {
                const int32_t* src = x + n * image_size + (c * p.inHeight + y) * p.inWidth;
                int32_t* dst = padded.data() + (c * ph + y + p.padTop) * pw + p.padLeft;
                for (int64_t i = 0; i < p.inWidth; ++i)
                    dst[i] = static_cast<int32_t>(int64_t(src[i]) - zx);
            }
        int64_t* acc_image = acc + n * p.outChannels * positions;
        if (int32_ok)
            directConvImage<int32_t>(p, padded.data(), ph, pw, wc.data(), buf32.data(), acc_image);
        else
            directConvImage<int64_t>(p, padded.data(), ph, pw, wc.data(), buf64.data(), acc_image);
    }
    *max_x_out = max_x;
    *max_w_out = max_w;
    return true;
}

} // namespace

bool intConv(const ConvParams& params, const int32_t* x, const int32_t* w, int64_t* acc,
             AccumulatorStats* stats, const ConvOutputStage* output)
{
    checkParams(params);
    const int64_t out_channels = params.outChannels;
    const int64_t group_out = out_channels / params.group;
    const int64_t positions = params.outHeight() * params.outWidth();
    const int64_t depth = params.depthPerGroup();
    const int64_t image_size = params.inChannels * params.inHeight * params.inWidth;
    const bool per_channel = params.weightZeroPoint.size() > 1;

    int64_t max_x = 0;
    int64_t max_w = 0;
    int64_t max_bias = 0;
    for (int64_t o = 0; params.bias && o < out_channels; ++o)
        max_bias = std::max<int64_t>(max_bias, std::abs(int64_t(params.bias[o])));
    std::vector<int32_t> patches;
    // Grouped/depthwise convs (a handful of taps per output) go direct; dense ones through the
    // packed int16 GEMM (which adds the bias itself); anything neither can prove exact through
    // the int64 GEMM below.
    bool direct = params.group > 1 && directConv(params, x, w, acc, &max_x, &max_w);
    PackedConvStats packed_stats;
    const PackedConvResult packed_result =
        direct ? PackedConvResult::NotApplicable
               : packedConv(params, x, w, acc, output, &packed_stats);
    if (packed_result == PackedConvResult::Codes) {
        // Requantized inside: the int32 bound with the bias held, so no accumulator wrapped or
        // left int32 (overflows 0) and Auto chose int32 (int64Used only when forced).
        const int64_t count = params.batch * out_channels * positions;
        if (output->clip) {
            output->clip->total += count;
            output->clip->clippedLow += packed_stats.clipLow;
            output->clip->clippedHigh += packed_stats.clipHigh;
        }
        if (stats) {
            stats->count += count;
            stats->maxAbs = std::max<int64_t>(stats->maxAbs, packed_stats.maxAcc);
            stats->int64Used = stats->int64Used || params.accumulator == AccumulatorMode::Int64;
        }
        return true;
    }
    const bool packed = packed_result == PackedConvResult::Accumulators;
    if (packed) {
        max_x = packed_stats.maxX;
        max_w = packed_stats.maxW;
    }
    if (!direct && !packed && params.group == 1)
        direct = directConv(params, x, w, acc, &max_x, &max_w);
    const bool done = direct || packed;
    for (int64_t n = 0; n < params.batch; ++n) {
        for (int64_t g = 0; !done && g < params.group; ++g) {
            im2colPatches(params, x + n * image_size, g, &patches);
            // The GEMM is computed as W_g · patchesᵀ so that its [O_g, positions] output is
            // already the NCHW layout: the weight rows play the GEMM's "input" role (with the
            // per-channel Z_w as per-row zero points) and the patches the "weight" role (Z_x).
            GemmParams gemm;
            gemm.rows = group_out;
            gemm.cols = positions;
            gemm.depth = depth;
            if (per_channel)
                gemm.inputZeroPoint.assign(params.weightZeroPoint.begin() + g * group_out,
                                           params.weightZeroPoint.begin() + (g + 1) * group_out);
            else
                gemm.inputZeroPoint = {params.weightZeroPoint[0]};
            gemm.weightZeroPoint = {params.inputZeroPoint};
            const int32_t* w_group = w + g * group_out * depth;
            int64_t* acc_group = acc + (n * out_channels + g * group_out) * positions;
            intGemmExact(gemm, w_group, patches.data(), acc_group);
            if (params.accumulator == AccumulatorMode::Auto) {
                max_x = std::max(max_x, maxAbsCentered(patches.data(), positions, depth,
                                                       gemm.weightZeroPoint));
                if (n == 0)
                    max_w = std::max(max_w, maxAbsCentered(w_group, group_out, depth,
                                                           gemm.inputZeroPoint));
            }
        }
        for (int64_t o = 0; params.bias && !packed && o < out_channels; ++o) {
            int64_t* plane = acc + (n * out_channels + o) * positions;
            for (int64_t i = 0; i < positions; ++i)
                plane[i] += params.bias[o];
        }
    }
    const bool safe = int32AccumulatorSafe(depth, max_x, max_w, max_bias);
    finishAccumulators(acc, params.batch * out_channels * positions, params.accumulator, safe,
                       stats);
    return false;
}

} // namespace ql
