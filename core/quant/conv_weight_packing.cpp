// The packed conv paths' helpers that depend on the codes alone (int_conv_packed.h): the
// code range scan and the once-per-layer packing of the weights.

#include <algorithm>

#include "core/isa/kernel_choice.h"
#include "core/quant/int16_gemm.h"
#include "core/quant/int_conv_packed.h"
#include "core/quant/u8s8_gemm.h"

namespace ql {

CodeRange codeRange(const int32_t* x, int64_t n)
{
    CodeRange r;
    if (n > 0)
        QL_ACTIVE_KERNEL(codeRange)(x, n, &r.min, &r.max);
    return r;
}

int64_t maxAbsCentred(const int32_t* x, int64_t n, int64_t zero_point)
{
    if (n <= 0)
        return 0;
    const CodeRange r = codeRange(x, n);
    return std::max(int64_t(r.max) - zero_point, zero_point - int64_t(r.min));
}

PackedConvWeights packConvWeights(const ConvParams& p, const int32_t* w)
{
    PackedConvWeights packed;
    const int64_t depth = p.depthPerGroup();
    const auto zero_points = static_cast<int64_t>(p.weightZeroPoint.size());
    if (zero_points != 1 && zero_points != p.outChannels)
        return packed; // matches no call: intConv refuses such params by name
    packed.outChannels = p.outChannels;
    packed.depth = depth;
    packed.groupChannels = p.inChannels / p.group;
    packed.kernelHeight = p.kernelHeight;
    packed.kernelWidth = p.kernelWidth;
    packed.zeroPoint = p.weightZeroPoint;
    // w̃[o, k] for k < depth, 0 past it (the padding of the last pair or quad).
    const auto centred = [&](int64_t o, int64_t k) -> int64_t {
        return k < depth ? int64_t(w[o * depth + k]) - p.weightZeroPoint[zero_points > 1 ? o : 0]
                         : 0;
    };
    for (int64_t o = 0; o < p.outChannels; ++o)
        for (int64_t k = 0; k < depth; ++k) {
            packed.centredMin = std::min(packed.centredMin, centred(o, k));
            packed.centredMax = std::max(packed.centredMax, centred(o, k));
        }
    const int64_t pairs = (depth + 1) / 2, quads = (depth + 3) / 4;
    if (std::max(packed.centredMax, -packed.centredMin) <= 32767) {
        packed.pairs.resize(static_cast<size_t>(p.outChannels * pairs));
        for (int64_t o = 0; o < p.outChannels; ++o)
            for (int64_t j = 0; j < pairs; ++j)
                packed.pairs[o * pairs + j] = packPair(static_cast<int32_t>(centred(o, 2 * j)),
                                                       static_cast<int32_t>(centred(o, 2 * j + 1)));
    }
    if (packed.centredMin >= -128 && packed.centredMax <= 127) {
        packed.quads.resize(static_cast<size_t>(p.outChannels * quads));
        packed.sums.resize(static_cast<size_t>(p.outChannels));
        for (int64_t o = 0; o < p.outChannels; ++o) {
            int32_t quad[4];
            for (int64_t k = 0; k < 4 * quads; ++k) {
                quad[k % 4] = static_cast<int32_t>(centred(o, k));
                packed.sums[o] += quad[k % 4];
                if (k % 4 == 3)
                    packed.quads[o * quads + k / 4] = packQuad(quad[0], quad[1], quad[2], quad[3]);
            }
        }
        // k = (c, ky, kx) in the row-major order of the weights; word (q, tap) gathers c = 4q + t.
        const int64_t taps = p.kernelHeight * p.kernelWidth;
        if (packed.groupChannels % 4 == 0) {
            packed.channelQuads.resize(static_cast<size_t>(p.outChannels * depth / 4));
            for (int64_t o = 0; o < p.outChannels; ++o)
                for (int64_t q = 0; q < packed.groupChannels / 4; ++q)
                    for (int64_t tap = 0; tap < taps; ++tap) {
                        const auto at = [&](int64_t t) {
                            return static_cast<int32_t>(centred(o, (4 * q + t) * taps + tap));
                        };
                        packed.channelQuads[o * depth / 4 + q * taps + tap] =
                            packQuad(at(0), at(1), at(2), at(3));
                    }
        }
    }
    return packed;
}

} // namespace ql
