#include "core/quant/int_conv_packed.h"

#include <algorithm>
#include <cstdlib>

#include "core/quant/int16_gemm.h"
#include "core/quant/u8s8_gemm.h"

namespace ql {

namespace {

// packedConv's buffers, kept per thread between calls and only ever grown (to the largest conv
// the thread ran: a few MB on ResNet-18): allocating and zero-filling the padded image, B and C
// per call cost more than packing them — fresh pages fault in on first touch. Every element a
// call reads it writes first (fillBorders below writes the padding), so no value survives from
// one call into the next; `filler` and `zeros` are never written and stay 0.
struct ConvScratch
{
    std::vector<uint8_t> bytes;    // u8 × s8 path: raw codes, Z_x-bordered
    std::vector<int16_t> centred;  // int16 path: x̃, 0-bordered
    std::vector<uint8_t> filler;   // u8 × s8 path: the taps past the depth
    std::vector<int16_t> zeros;    // int16 path: the high half of an odd depth's last pair
    std::vector<int32_t> quadImage; // u8 × s8 channel-quad path: Z_x-bordered pixel words
    std::vector<int32_t> b, c, dense;
    std::vector<int64_t> correction, offsets;
    std::vector<uint32_t> shift;     // u8 × s8 output stage: b[o] − Z_x · Σ w̃ per channel
    std::vector<float> multipliers;  // u8 × s8 output stage: M per channel
    std::vector<uint16_t> valid;     // u8 × s8 output stage: the output columns' masks
};

ConvScratch& convScratch()
{
    thread_local ConvScratch scratch;
    return scratch;
}

// v's storage with at least n elements (grown, never shrunk).
template <typename T>
T* atLeast(std::vector<T>& v, int64_t n)
{
    if (v.size() < static_cast<size_t>(n))
        v.resize(static_cast<size_t>(n));
    return v.data();
}

// The padded images: `planes` planes [height][width] with the image at rows padTop.., columns
// padLeft.., then a tail up to `end` (the contiguous layout's over-reads, see packedConv).
// Writes `value` everywhere but the image pixels — the padding code, once per call; the images
// are copied in per sample.
template <typename T>
void fillBorders(const ConvParams& p, int64_t planes, int64_t height, int64_t width, int64_t end,
                 T value, T* pixels)
{
    const int64_t plane = height * width;
    for (int64_t ch = 0; ch < planes; ++ch) {
        T* base = pixels + ch * plane;
        std::fill(base, base + p.padTop * width, value);
        for (int64_t y = 0; y < p.inHeight; ++y) {
            T* row = base + (y + p.padTop) * width;
            std::fill(row, row + p.padLeft, value);
            std::fill(row + p.padLeft + p.inWidth, row + width, value);
        }
        std::fill(base + (p.padTop + p.inHeight) * width, base + plane, value);
    }
    std::fill(pixels + planes * plane, pixels + end, value);
}

// ---- packed int16 path (int16_gemm.h) ------------------------------------------------------
//
// Per image: the centred codes x̃ = x − Z_x as int16 in a zero-bordered copy of the image (the
// border is the padding, and the padding code Z_x centres to 0). Per group: B = the transposed
// im2col matrix [k][position] (k = (c, ky, kx); a position's column holds its patch) packed as
// k pairs, A = the centred weights w̃ = w − Z_w[o] as [o][k] pairs. C = A·B is the exact
// Σ w̃·x̃ of every (o, position) — the zero-point-expanded accumulator — in int32, because
// packedConv checked K · max|x̃| · max|w̃| ≤ 2^31 − 1; GemmOutput adds the bias.

struct PaddedImage
{
    int64_t height = 0, width = 0;  // padded plane size
    const int16_t* pixels = nullptr; // [C][height][width], then zeros (see packedConv)
};

// Column layout of B and C. In general column oy·outW + ox holds output position (oy, ox).
// With stride 1 the columns instead follow the padded image's rows, oy·width + ox for every
// ox < width: the pixels a tap reads for consecutive columns are then consecutive pixels, so a
// row of B is one contiguous slice of the padded image and packing is a single long
// interleave. The columns ox ≥ outW are junk (sums of the same bounded products, never read
// back) — the price is width/outW more columns (7–14 % on the demo's 3×3 convs).
struct ColumnLayout
{
    int64_t rowStride = 0; // column of (oy, ox) = oy·rowStride + ox
    int64_t columns = 0;   // N before padding to packedColumns(N)
    bool contiguous = false;
};

// B words of group g: word (j, column of (oy, ox)) = (x̃ at tap 2j, x̃ at tap 2j + 1) for
// that output position; padding columns are 0 (general layout) or junk (contiguous layout).
void packPatches(const ConvParams& p, const PaddedImage& image, const ColumnLayout& layout,
                 int64_t g, int64_t npad, const int16_t* zeros, int32_t* words)
{
    const int64_t kh = p.kernelHeight, kw = p.kernelWidth;
    const int64_t depth = p.depthPerGroup();
    const int64_t out_height = p.outHeight(), out_width = p.outWidth();
    const int64_t sy = p.strideHeight, sx = p.strideWidth;
    const int64_t plane = image.height * image.width;
    // Tap k of the group: its pixel for output (oy, ox) is tap(k)[oy·sy·width + ox·sx].
    auto tap = [&](int64_t k) {
        const int64_t c = g * (p.inChannels / p.group) + k / (kh * kw);
        const int64_t ky = k / kw % kh, kx = k % kw;
        return image.pixels + c * plane + ky * p.dilationHeight * image.width +
               kx * p.dilationWidth;
    };
    for (int64_t j = 0; 2 * j < depth; ++j) {
        const int16_t* lo = tap(2 * j);
        // Odd depth: the last pair's high half is 0 (`zeros` holds npad of them).
        const int16_t* hi = 2 * j + 1 < depth ? tap(2 * j + 1) : zeros;
        int32_t* dst = words + j * npad;
        if (layout.contiguous) {
            for (int64_t i = 0; i < npad; ++i)
                dst[i] = packPair(lo[i], hi[i]);
            continue;
        }
        const int64_t hi_step = hi == zeros ? 0 : 1;
        for (int64_t oy = 0; oy < out_height; ++oy) {
            const int16_t* a = lo + oy * sy * image.width;
            const int16_t* b = hi + hi_step * oy * sy * image.width;
            int32_t* d = dst + oy * out_width;
            for (int64_t ox = 0; ox < out_width; ++ox)
                d[ox] = packPair(a[ox * sx], b[hi_step * ox * sx]);
        }
        std::fill(dst + out_height * out_width, dst + npad, 0); // padding columns
    }
}

// Where the int32 GEMM results C go, one group of one image at a time: widened with the bias
// into the int64 accumulators, or — given an output stage (ConvOutputStage) and the int32 bound
// with the bias, K · max|x̃| · max|w̃| + max|b| ≤ 2^31 − 1 — requantized straight to codes, the
// int64 accumulators never written. Either way a channel's valid columns (the layout's junk
// columns dropped) are Σ w̃·x̃ = C − correction[o] (mod 2^32: the byte path's hoisted Z_x·Σ w̃,
// 0 for the int16 path) plus b[o]. In the fused case the whole sum is formed mod 2^32 and is
// exact because the bound puts it inside int32. The byte path requantizes inside its GEMM
// (byteStage), so C arrives as codes and only its valid columns are appended (writeByte).
struct GemmOutput
{
    GemmOutput(const ConvParams& params, const ColumnLayout& columns, int64_t padded,
               int64_t* accumulators, const ConvOutputStage* output_stage, int32_t* channel)
        : p(params), layout(columns), npad(padded), acc(accumulators), stage(output_stage),
          dense(channel)
    {
    }

    const ConvParams& p;
    const ColumnLayout& layout;
    int64_t npad = 0;
    int64_t* acc = nullptr;
    const ConvOutputStage* stage = nullptr; // null: write acc
    int32_t* dense = nullptr;               // one channel's int32 accumulators (fused case)
    // The byte GEMM's output stage (fused case); its low, high and maxAbs are the clip counts
    // and largest |acc| of either fused path.
    ByteGemmRequant requant;
    uint32_t* shifts = nullptr;             // its per-channel arrays (byteStage)
    float* multipliers = nullptr;

    // For a byte conv: the hoisted correction Z_x · Σ_k w̃[o,k] per channel (returned), and in
    // the fused case the GEMM's output stage — per channel the shift b[o] − correction[o] and
    // the multiplier, and the masks of the output columns (column n is position
    // (n / rowStride, n % rowStride) when that is inside the output).
    const int64_t* byteStage(ConvScratch& scratch, const PackedConvWeights& weights)
    {
        int64_t* correction = atLeast(scratch.correction, p.outChannels);
        for (int64_t o = 0; o < p.outChannels; ++o)
            correction[o] = int64_t(p.inputZeroPoint) * weights.sums[o];
        if (!stage)
            return correction;
        const RequantParams& params = *stage->requant;
        shifts = atLeast(scratch.shift, p.outChannels);
        multipliers = atLeast(scratch.multipliers, p.outChannels);
        for (int64_t o = 0; o < p.outChannels; ++o) {
            const int64_t bias = p.bias ? p.bias[o] : 0;
            shifts[o] = static_cast<uint32_t>(bias) - static_cast<uint32_t>(correction[o]);
            multipliers[o] = params.multiplier[params.multiplier.size() > 1 ? size_t(o) : 0];
        }
        uint16_t* valid = atLeast(scratch.valid, npad / 16);
        const int64_t out_width = p.outWidth();
        for (int64_t i = 0; i < npad / 16; ++i) {
            valid[i] = 0;
            for (int64_t t = 0; t < 16; ++t) {
                const int64_t n = 16 * i + t;
                if (n < layout.columns && n % layout.rowStride < out_width)
                    valid[i] = static_cast<uint16_t>(valid[i] | (1u << t));
            }
        }
        requant.zeroPoint = params.outputZeroPoint;
        requant.activationMin = params.activationMin;
        requant.activationMax = params.activationMax;
        requant.valid = valid;
        return correction;
    }

    // The output stage for group g's GEMM rows (channels g·O/G …), after byteStage.
    ByteGemmRequant* byteGroup(int64_t g)
    {
        if (!stage)
            return nullptr;
        const int64_t first = g * (p.outChannels / p.group);
        requant.shift = shifts + first;
        requant.multiplier = multipliers + first;
        return &requant;
    }

    // A byte GEMM's C of group g of image n: write()'s accumulators, or — when byteGroup
    // turned it into codes — the valid columns appended in output order, each output row while
    // in cache (no whole-tensor memset first).
    void writeByte(int64_t n, int64_t g, const int32_t* c, const int64_t* correction)
    {
        if (!stage)
            return write(n, g, c, correction);
        const int64_t group_out = p.outChannels / p.group;
        const int64_t out_height = p.outHeight(), out_width = p.outWidth();
        std::vector<int32_t>& codes = *stage->codes;
        for (int64_t o = 0; o < group_out; ++o)
            for (int64_t oy = 0; oy < out_height; ++oy) {
                const int32_t* row = c + o * npad + oy * layout.rowStride;
                codes.insert(codes.end(), row, row + out_width);
            }
    }

    void write(int64_t n, int64_t g, const int32_t* c, const int64_t* correction)
    {
        const int64_t group_out = p.outChannels / p.group;
        const int64_t out_height = p.outHeight(), out_width = p.outWidth();
        const int64_t positions = out_height * out_width;
        for (int64_t o = 0; o < group_out; ++o) {
            const int64_t channel = g * group_out + o;
            const int64_t bias = p.bias ? p.bias[channel] : 0;
            const uint32_t shift = correction ? static_cast<uint32_t>(correction[channel]) : 0;
            const int64_t base = (n * p.outChannels + channel) * positions;
            const int32_t* rows = c + o * npad;
            if (stage) {
                const uint32_t shift_bias = static_cast<uint32_t>(bias) - shift;
                for (int64_t oy = 0; oy < out_height; ++oy)
                    for (int64_t ox = 0; ox < out_width; ++ox)
                        dense[oy * out_width + ox] = static_cast<int32_t>(
                            static_cast<uint32_t>(rows[oy * layout.rowStride + ox]) + shift_bias);
                // Appended in output order (base == codes->size()): growing the reserved vector
                // row by row initialises each row while it is in L1, instead of a whole-tensor
                // memset before the writes.
                std::vector<int32_t>& codes = *stage->codes;
                codes.resize(static_cast<size_t>(base + positions));
                requantizeInt32Row(*stage->requant, channel, dense, positions,
                                   codes.data() + base, &requant.low, &requant.high,
                                   &requant.maxAbs);
                continue;
            }
            for (int64_t oy = 0; oy < out_height; ++oy)
                for (int64_t ox = 0; ox < out_width; ++ox)
                    acc[base + oy * out_width + ox] =
                        int64_t(static_cast<int32_t>(
                            static_cast<uint32_t>(rows[oy * layout.rowStride + ox]) - shift)) +
                        bias;
        }
    }
};

// dst[i] = x[i] as a byte (codes in [0, 255]). A byte store may alias anything, so without
// __restrict the compiler re-reads every bound per element and keeps the copy scalar.
void narrowToBytes(const int32_t* __restrict x, int64_t n, uint8_t* __restrict dst)
{
    for (int64_t i = 0; i < n; ++i)
        dst[i] = static_cast<uint8_t>(x[i]);
}

// ---- packed u8 × s8 path (u8s8_gemm.h), AVX-512 VNNI only ------------------------------------
//
// The same GEMM as the int16 path with byte operands: B holds the RAW codes x as uint8 (the
// padding holds the code Z_x, as in im2col), A the centred weights w̃ as int8, and the zero
// point of x comes out of the sum afterwards, once per output channel:
//   Σ_k w̃[o,k] · (x_k − Z_x) = C[o, n] − Z_x · Σ_k w̃[o,k]      (mod 2^32, exact in int32 — the
// caller's bound K · max|x̃| · max|w̃| ≤ 2^31 − 1 holds for the centred sum; see u8s8_gemm.h).
// Every output reads all K taps (padding included), so the correction is one number per o.
// Taken only on the AVX-512 VNNI path, where vpdpbusd does twice the int16 kernel's products
// per instruction; the other paths keep the int16 kernel (AVX2 has no exact byte product sum:
// pmaddubsw saturates). The results are the same integers either way.
void byteConv(const ConvParams& p, const int32_t* x, const PackedConvWeights& weights,
              const ColumnLayout& layout, int64_t npad, GemmOutput& output)
{
    ConvScratch& scratch = convScratch();
    const int64_t depth = p.depthPerGroup();
    const int64_t quads = (depth + 3) / 4;
    const int64_t group_out = p.outChannels / p.group;
    const int32_t zx = p.inputZeroPoint;
    // A: weights.quads, [O][K4] quads of w̃; correction[o] = Z_x · Σ_k w̃.
    const int64_t* correction = output.byteStage(scratch, weights);
    const int64_t out_height = p.outHeight(), out_width = p.outWidth();
    const int64_t positions = out_height * out_width;
    const int64_t height = p.inHeight + p.padTop + p.padBottom;
    const int64_t width = p.inWidth + p.padLeft + p.padRight;
    const int64_t plane = height * width;
    // Raw codes in a Z_x-bordered copy; the tail after the planes keeps the contiguous layout's
    // over-reads (see packedConv) inside the buffer — junk columns only.
    const int64_t last_read = (p.inChannels - 1) * plane +
                              (p.kernelHeight - 1) * p.dilationHeight * width +
                              (p.kernelWidth - 1) * p.dilationWidth + npad;
    const int64_t pixel_count = std::max(p.inChannels * plane, last_read);
    uint8_t* pixels = atLeast(scratch.bytes, pixel_count);
    fillBorders(p, p.inChannels, height, width, pixel_count, static_cast<uint8_t>(zx), pixels);
    // The taps past the depth (weight 0) read this.
    const uint8_t* filler = atLeast(scratch.filler, std::max(npad, plane));
    int32_t* b = atLeast(scratch.b, quads * npad);
    int32_t* c = atLeast(scratch.c, group_out * npad);
    const int64_t image_size = p.inChannels * p.inHeight * p.inWidth;
    const int64_t kh = p.kernelHeight, kw = p.kernelWidth;
    for (int64_t n = 0; n < p.batch; ++n) {
        for (int64_t ch = 0; ch < p.inChannels; ++ch)
            for (int64_t y = 0; y < p.inHeight; ++y) {
                const int32_t* src = x + n * image_size + (ch * p.inHeight + y) * p.inWidth;
                narrowToBytes(src, p.inWidth,
                              pixels + (ch * height + y + p.padTop) * width + p.padLeft);
            }
        for (int64_t g = 0; g < p.group; ++g) {
            // Tap k of the group: its pixel for output (oy, ox) is tap(k)[oy·sy·width + ox·sx].
            auto tap = [&](int64_t k) -> const uint8_t* {
                if (k >= depth)
                    return filler;
                const int64_t c_in = g * (p.inChannels / p.group) + k / (kh * kw);
                return pixels + c_in * plane + (k / kw % kh) * p.dilationHeight * width +
                       (k % kw) * p.dilationWidth;
            };
            for (int64_t j = 0; j < quads; ++j) {
                const uint8_t* t0 = tap(4 * j);
                const uint8_t* t1 = tap(4 * j + 1);
                const uint8_t* t2 = tap(4 * j + 2);
                const uint8_t* t3 = tap(4 * j + 3);
                int32_t* dst = b + j * npad;
                if (layout.contiguous) {
                    interleaveBytes4(t0, t1, t2, t3, npad, dst);
                    continue;
                }
                for (int64_t oy = 0; oy < out_height; ++oy) {
                    const int64_t at = oy * p.strideHeight * width;
                    interleaveBytes4Strided(t0 + at, t1 + at, t2 + at, t3 + at, out_width,
                                            p.strideWidth, dst + oy * out_width);
                }
                std::fill(dst + positions, dst + npad, 0); // padding columns
            }
            u8s8GemmPacked(group_out, npad, quads, weights.quads.data() + g * group_out * quads,
                           b, c, output.byteGroup(g));
            output.writeByte(n, g, c, correction);
        }
    }
}

// The stride-1 byte conv without packing B (group 1, C % 4 == 0): each image is copied once
// into a channel-quad image — word (q, y, x) holds the raw codes of channels 4q … 4q + 3 at
// padded pixel (y, x), Z_x in the border — and with k ordered (q, ky, kx) (the weights'
// channelQuads), row (q, ky, kx) of B in the contiguous column layout is that image shifted by
// q·plane + ky·dH·width + kx·dW: u8s8GemmRows reads it in place. The same quads of products as
// byteConv in another order of k, so the same sums mod 2^32 and the same correction
// Z_x · Σ_k w̃[o,k]; B is C/4 planes instead of K/4 rows of N words, and stays in L1.
void channelQuadConv(const ConvParams& p, const int32_t* x, const PackedConvWeights& weights,
                     int64_t npad, GemmOutput& output)
{
    ConvScratch& scratch = convScratch();
    const int64_t taps = p.kernelHeight * p.kernelWidth;
    const int64_t channel_quads = p.inChannels / 4;
    const int64_t quads = channel_quads * taps;
    const int32_t zx = p.inputZeroPoint;
    const int64_t* correction = output.byteStage(scratch, weights);
    const int64_t height = p.inHeight + p.padTop + p.padBottom;
    const int64_t width = p.inWidth + p.padLeft + p.padRight;
    const int64_t plane = height * width;
    int64_t* offsets = atLeast(scratch.offsets, quads);
    for (int64_t q = 0; q < channel_quads; ++q)
        for (int64_t tap = 0; tap < taps; ++tap)
            offsets[q * taps + tap] = q * plane +
                                      tap / p.kernelWidth * p.dilationHeight * width +
                                      tap % p.kernelWidth * p.dilationWidth;
    // The last row reads npad words from its offset: a tail after the planes (junk columns).
    const int64_t word_count = std::max(channel_quads * plane, offsets[quads - 1] + npad);
    int32_t* image = atLeast(scratch.quadImage, word_count);
    fillBorders(p, channel_quads, height, width, word_count, packQuad(zx, zx, zx, zx), image);
    int32_t* c = atLeast(scratch.c, p.outChannels * npad);
    const int64_t in_plane = p.inHeight * p.inWidth;
    for (int64_t n = 0; n < p.batch; ++n) {
        const int32_t* sample = x + n * p.inChannels * in_plane;
        for (int64_t q = 0; q < channel_quads; ++q)
            for (int64_t y = 0; y < p.inHeight; ++y) {
                const int32_t* row = sample + 4 * q * in_plane + y * p.inWidth;
                interleaveChannels4(row, row + in_plane, row + 2 * in_plane, row + 3 * in_plane,
                                    p.inWidth,
                                    image + q * plane + (y + p.padTop) * width + p.padLeft);
            }
        u8s8GemmRows(p.outChannels, npad, quads, weights.channelQuads.data(), image, offsets, c,
                     output.byteGroup(0));
        output.writeByte(n, 0, c, correction);
    }
}

} // namespace

// Runs the packed path when the centred codes fit int16, the padding is non-negative and the
// int32 bound holds for the whole input; see int_conv_packed.h. max_x is taken over the input
// images, as the direct path does: with stride 1 every pixel lies in a patch, so it equals the
// GEMM path's max over the patches; with a larger stride it can only be larger, which at worst
// reports int64 use (AccumulatorStats::int64Used) for a layer whose skipped pixels alone would
// have needed it — the accumulators are exact either way.
PackedConvResult packedConv(const ConvParams& p, const int32_t* x, const int32_t* w, int64_t* acc,
                            const ConvOutputStage* stage, PackedConvStats* stats)
{
    constexpr int64_t kInt16Max = 32767;
    if (p.padTop < 0 || p.padLeft < 0 || p.padBottom < 0 || p.padRight < 0)
        return PackedConvResult::NotApplicable;
    const int64_t depth = p.depthPerGroup();
    const int64_t pairs = (depth + 1) / 2;
    const int64_t group_out = p.outChannels / p.group;
    PackedConvWeights packed_here;
    const PackedConvWeights* weights = p.packedWeights;
    if (!weights || weights->outChannels != p.outChannels || weights->depth != depth ||
        weights->groupChannels != p.inChannels / p.group ||
        weights->kernelHeight != p.kernelHeight || weights->kernelWidth != p.kernelWidth ||
        weights->zeroPoint != p.weightZeroPoint) {
        packed_here = packConvWeights(p, w);
        weights = &packed_here;
    }
    const int64_t max_w = std::max(weights->centredMax, -weights->centredMin);
    const int64_t image_size = p.inChannels * p.inHeight * p.inWidth;
    const int64_t zx = p.inputZeroPoint;
    const CodeRange x_range = codeRange(x, p.batch * image_size);
    const int64_t max_image = std::max(x_range.max - zx, zx - x_range.min);
    if (max_w > kInt16Max || max_image > kInt16Max ||
        !int32AccumulatorSafe(depth, max_image, max_w, 0))
        return PackedConvResult::NotApplicable;
    stats->maxX = max_image;
    stats->maxW = max_w;
    int64_t max_bias = 0;
    for (int64_t o = 0; p.bias && o < p.outChannels; ++o)
        max_bias = std::max<int64_t>(max_bias, std::abs(int64_t(p.bias[o])));
    // A multiplier count that is neither 1 nor one per channel takes the int64 path, where
    // requantize() refuses it by name instead of reading past the multipliers.
    const size_t multipliers = stage ? stage->requant->multiplier.size() : 0;
    const bool fused = stage && requantizeInt32Applies(*stage->requant) &&
                       (multipliers == 1 || multipliers == size_t(p.outChannels)) &&
                       int32AccumulatorSafe(depth, max_image, max_w, max_bias);

    ConvScratch& scratch = convScratch();
    const int64_t out_height = p.outHeight(), out_width = p.outWidth();
    const int64_t positions = out_height * out_width;
    PaddedImage image;
    image.height = p.inHeight + p.padTop + p.padBottom;
    image.width = p.inWidth + p.padLeft + p.padRight;
    ColumnLayout layout;
    layout.contiguous = p.strideHeight == 1 && p.strideWidth == 1;
    layout.rowStride = layout.contiguous ? image.width : out_width;
    layout.columns = layout.contiguous ? out_height * image.width : positions;
    const int64_t npad = packedColumns(layout.columns);
    GemmOutput output{p,       layout, npad, acc, fused ? stage : nullptr,
                      fused ? atLeast(scratch.dense, positions) : nullptr};
    const auto finish = [&] {
        stats->clipLow = output.requant.low;
        stats->clipHigh = output.requant.high;
        stats->maxAcc = output.requant.maxAbs;
        return fused ? PackedConvResult::Codes : PackedConvResult::Accumulators;
    };
    // Codes that fit bytes (8-bit activations, centred weights in int8) take vpdpbusd where the
    // CPU has it; Z_x is a code of x's range, so it fits a byte as well.
    if (activeIsa() == Isa::Avx512Vnni && !weights->quads.empty() && x_range.min >= 0 &&
        x_range.max <= 255 && zx >= 0 && zx <= 255) {
        if (layout.contiguous && p.group == 1 && !weights->channelQuads.empty())
            channelQuadConv(p, x, *weights, npad, output);
        else
            byteConv(p, x, *weights, layout, npad, output);
        return finish();
    }
    // A contiguous row of B reads npad pixels from its tap's first one: the last tap of the
    // last channel starts (kH − 1)·dH rows and (kW − 1)·dW pixels into its plane, so zeros
    // follow the planes to keep those reads inside the buffer.
    const int64_t plane = image.height * image.width;
    const int64_t last_read = (p.inChannels - 1) * plane +
                              (p.kernelHeight - 1) * p.dilationHeight * image.width +
                              (p.kernelWidth - 1) * p.dilationWidth + npad;
    const int64_t pixel_count = std::max(p.inChannels * plane, last_read);
    int16_t* pixels = atLeast(scratch.centred, pixel_count);
    fillBorders(p, p.inChannels, image.height, image.width, pixel_count, int16_t(0), pixels);
    image.pixels = pixels;
    const int16_t* zeros = atLeast(scratch.zeros, npad);
    int32_t* b = atLeast(scratch.b, pairs * npad);
    int32_t* c = atLeast(scratch.c, group_out * npad);
    for (int64_t n = 0; n < p.batch; ++n) {
        for (int64_t ch = 0; ch < p.inChannels; ++ch)
            for (int64_t y = 0; y < p.inHeight; ++y) {
                const int32_t* src = x + n * image_size + (ch * p.inHeight + y) * p.inWidth;
                int16_t* dst =
                    pixels + (ch * image.height + y + p.padTop) * image.width + p.padLeft;
                for (int64_t i = 0; i < p.inWidth; ++i)
                    dst[i] = static_cast<int16_t>(src[i] - zx);
            }
        for (int64_t g = 0; g < p.group; ++g) {
            packPatches(p, image, layout, g, npad, zeros, b);
            int16GemmPacked(group_out, npad, pairs, weights->pairs.data() + g * group_out * pairs,
                            b, c);
            output.write(n, g, c, nullptr);
        }
    }
    return finish();
}

} // namespace ql
