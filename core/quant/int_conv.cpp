#include "core/quant/int_conv.h"

#include <algorithm>
#include <cstdlib>

#include "core/error.h"

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
    patches->assign(static_cast<size_t>(out_height * out_width * depth), pad_code);
    for (int64_t out_y = 0; out_y < out_height; ++out_y) {
        for (int64_t out_x = 0; out_x < out_width; ++out_x) {
            int32_t* patch = patches->data() + (out_y * out_width + out_x) * depth;
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

void intConv(const ConvParams& params, const int32_t* x, const int32_t* w, int64_t* acc,
             AccumulatorStats* stats)
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
    std::vector<int32_t> patches;
    for (int64_t n = 0; n < params.batch; ++n) {
        for (int64_t g = 0; g < params.group; ++g) {
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
        if (params.bias) {
            for (int64_t o = 0; o < out_channels; ++o) {
                int64_t* plane = acc + (n * out_channels + o) * positions;
                for (int64_t i = 0; i < positions; ++i)
                    plane[i] += params.bias[o];
                if (n == 0)
                    max_bias = std::max<int64_t>(max_bias, std::abs(int64_t(params.bias[o])));
            }
        }
    }
    const bool safe = int32AccumulatorSafe(depth, max_x, max_w, max_bias);
    finishAccumulators(acc, params.batch * out_channels * positions, params.accumulator, safe,
                       stats);
}

} // namespace ql
