// The integer convolution's per-ISA kernels (core/isa/cpu_isa.h dispatch), on every path this
// CPU supports: the u8 × s8 GEMM against a naive sum modulo 2^32, the int32 requantization
// against requantize() on int64, the integer conv's fused output stage (u8 × s8 and int16
// paths) against intConv + requantize, the packed conv paths' once-packed weights and reused
// buffers against a naive conv, the u8 × s8 GEMM over row offsets against the packed one, its
// output stage in registers against requantizeInt32Row, and the integer MaxPool 2 × 2 kernel
// against its definition. Integers are compared with ==.
// (The other kernels: test_isa_dispatch.cpp.)

#include <QtTest/QtTest>

#include "core/error.h"
#include "core/isa/cpu_isa.h"
#include "core/isa/kernel_choice.h"
#include "core/quant/fixed_point.h"
#include "core/quant/int16_gemm.h"
#include "core/quant/int_conv.h"
#include "core/quant/int_conv_packed.h"
#include "core/quant/int_gemm.h"
#include "core/quant/rounding.h"
#include "core/quant/u8s8_gemm.h"
#include "isa_env.h"

using namespace ql;

namespace {

// Two 9 × 11 images of c channels into o channels, k × k taps, padding pad before and pad − 1
// after (uneven on purpose), input zero point zx; the weight zero points are the caller's.
ConvParams squareConv(int64_t c, int64_t o, int64_t k, int64_t stride, int64_t pad, int32_t zx)
{
    ConvParams p;
    p.batch = 2;
    p.inChannels = c;
    p.inHeight = 9;
    p.inWidth = 11;
    p.outChannels = o;
    p.kernelHeight = p.kernelWidth = k;
    p.strideHeight = p.strideWidth = stride;
    p.padTop = p.padLeft = pad;
    p.padBottom = p.padRight = pad > 0 ? pad - 1 : 0;
    p.inputZeroPoint = zx;
    return p;
}

} // namespace

class TestIsaIntConv : public QObject
{
    Q_OBJECT

    Isa m_initial = Isa::Scalar;

private slots:
    void initTestCase()
    {
        if (const QString why = forcedIsaUnavailable(); !why.isEmpty())
            QSKIP(qPrintable(why));
        m_initial = activeIsa();
    }
    void cleanup() { setActiveIsa(m_initial); }

    void u8s8GemmEveryIsaEqualsNaive()
    {
        // Random bytes with the extremes (weight −128 and 127, input 255) over row and column
        // tails, and one depth long enough (4 · 20000 products of 255 · −128) that the sum wraps
        // int32: every path must return the naive sum modulo 2^32.
        Rng rng(4242);
        struct GemmShape { int64_t m, npad, k4; bool extreme; };
        for (const GemmShape t : {GemmShape{1, 16, 1, false}, GemmShape{5, 48, 13, false},
                                  GemmShape{7, 80, 72, false}, GemmShape{13, 208, 9, false},
                                  GemmShape{3, 64, 20000, true}}) {
            std::vector<int32_t> a(size_t(t.m * t.k4)), b(size_t(t.k4 * t.npad));
            auto weight = [&] { return t.extreme ? -128 : int32_t(rng.next() % 256) - 128; };
            auto input = [&] { return t.extreme ? 255 : int32_t(rng.next() % 256); };
            for (auto& v : a) v = packQuad(weight(), weight(), weight(), weight());
            for (auto& v : b) v = packQuad(input(), input(), input(), input());
            std::vector<int32_t> naive(size_t(t.m * t.npad));
            for (int64_t m = 0; m < t.m; ++m)
                for (int64_t n = 0; n < t.npad; ++n) {
                    int64_t sum = 0;
                    for (int64_t j = 0; j < t.k4; ++j)
                        for (int q = 0; q < 4; ++q)
                            sum += int64_t(int8_t(uint32_t(a[size_t(m * t.k4 + j)]) >> (8 * q))) *
                                   int64_t(uint8_t(uint32_t(b[size_t(j * t.npad + n)]) >> (8 * q)));
                    naive[size_t(m * t.npad + n)] = int32_t(uint32_t(uint64_t(sum)));
                }
            if (t.extreme)
                QVERIFY(naive[0] != -int64_t(255) * 128 * 4 * t.k4); // it did wrap
            for (Isa isa : supportedIsas()) {
                std::vector<int32_t> out(naive.size(), -1);
                u8s8GemmPackedWith(isa, t.m, t.npad, t.k4, a.data(), b.data(), out.data());
                QVERIFY2(out == naive, isaName(isa));
            }
        }
    }

    void requantizeInt32EveryIsaEqualsRequantize()
    {
        // requantizeInt32Row against requantize() on the same accumulators in int64 — codes,
        // clip counts and max |acc| — with ties (M = 0.5), ±(2^31 − 1) and per-channel M.
        Rng rng(515);
        std::vector<int64_t> acc{0, 1, -1, 3, -3, 5, INT32_MAX, -int64_t(INT32_MAX)};
        while (acc.size() < 2 * 101)
            acc.push_back(int64_t(int32_t(uint32_t(rng.next()))) >> (rng.next() % 31));
        acc.back() = acc.back() == INT32_MIN ? 0 : acc.back();
        RequantParams p;
        p.setMultipliers({0.5, 0.0123});
        p.outputZeroPoint = 7;
        p.activationMin = 7;
        p.activationMax = 255;
        std::vector<int32_t> expected(acc.size());
        ClipStats clip;
        requantize(p, acc.data(), 1, 2, 101, expected.data(), &clip);
        int64_t max_abs = 0;
        for (int64_t v : acc)
            max_abs = std::max(max_abs, v < 0 ? -v : v);
        const std::vector<int32_t> acc32(acc.begin(), acc.end());
        QVERIFY(requantizeInt32Applies(p));
        for (Isa isa : supportedIsas()) {
            setActiveIsa(isa);
            std::vector<int32_t> out(acc.size(), -1);
            int64_t low = 0, high = 0;
            int32_t largest = 0;
            for (int64_t c = 0; c < 2; ++c)
                requantizeInt32Row(p, c, acc32.data() + c * 101, 101, out.data() + c * 101, &low,
                                   &high, &largest);
            QVERIFY2(out == expected, isaName(isa));
            QCOMPARE(low, clip.clippedLow);
            QCOMPARE(high, clip.clippedHigh);
            QCOMPARE(int64_t(largest), max_abs);
        }
        p.rounding = RoundingMode::HalfAway;
        QVERIFY(!requantizeInt32Applies(p));
    }

    void convOutputStageEveryIsaEqualsRequantize()
    {
        // intConv with its fused output stage against intConv's int64 accumulators run through
        // requantize(), on every path: byte-sized codes (the u8 × s8 path with AVX-512 VNNI) with
        // per-tensor and per-channel weight zero points, depths not divisible by 4, stride 2 and
        // asymmetric padding; 9-bit centred weights (int16 path only); and a bias that breaks
        // the int32 bound (no fusion: intConv must return false and fill acc).
        struct Case { int64_t c, o, k, stride, pad; int32_t zx, w_lo, w_hi, bias; bool fuses; };
        const Case cases[] = {
            {16, 16, 3, 1, 1, 0, -127, 127, 5000, true},
            {5, 7, 3, 2, 1, 131, -128, 127, 100, true},
            {3, 13, 1, 1, 0, 255, -20, 90, -7, true},
            {6, 9, 3, 1, 2, 17, -255, 255, 300, true},
            {4, 4, 3, 1, 1, 9, -100, 100, 2147000000, false},
        };
        Rng rng(31);
        for (const Case& t : cases) {
            ConvParams p = squareConv(t.c, t.o, t.k, t.stride, t.pad, t.zx);
            p.weightZeroPoint.assign(size_t(t.o), 0);
            for (auto& z : p.weightZeroPoint)
                z = t.w_lo < -128 ? 0 : int32_t(rng.next() % 5) - 2;
            std::vector<int32_t> x(size_t(p.batch * t.c * 9 * 11)), w(size_t(t.o * t.c * t.k * t.k));
            for (auto& v : x) v = int32_t(rng.next() % 256);
            for (size_t i = 0; i < w.size(); ++i)
                w[i] = p.weightZeroPoint[i / size_t(t.c * t.k * t.k)] + t.w_lo +
                       int32_t(rng.next() % uint64_t(t.w_hi - t.w_lo + 1));
            std::vector<int32_t> bias(size_t(t.o));
            for (auto& b : bias) b = int32_t(rng.next() % 2001) - 1000 + t.bias;
            p.bias = bias.data();
            RequantParams rq;
            std::vector<double> m(size_t(t.o));
            for (auto& v : m) v = 0.0005 + 0.004 * rng.uniform();
            rq.setMultipliers(m);
            rq.outputZeroPoint = 3;
            rq.activationMin = 3;
            rq.activationMax = 255;
            const size_t count = size_t(p.batch * t.o * p.outHeight() * p.outWidth());
            for (Isa isa : supportedIsas()) {
                setActiveIsa(isa);
                std::vector<int64_t> acc(count);
                AccumulatorStats stats;
                QVERIFY(!intConv(p, x.data(), w.data(), acc.data(), &stats));
                std::vector<int32_t> expected(count);
                ClipStats clip;
                requantize(rq, acc.data(), p.batch, t.o, p.outHeight() * p.outWidth(),
                           expected.data(), &clip);
                std::vector<int64_t> untouched(count, -5);
                std::vector<int32_t> codes;
                codes.reserve(count);
                ClipStats fused_clip;
                AccumulatorStats fused_stats;
                const ConvOutputStage stage{&rq, &codes, &fused_clip};
                const bool fused = intConv(p, x.data(), w.data(), untouched.data(), &fused_stats, &stage);
                QCOMPARE(fused, t.fuses);
                if (!fused) {
                    QCOMPARE(untouched, acc);
                    continue;
                }
                QVERIFY2(codes == expected, isaName(isa));
                QCOMPARE(untouched, std::vector<int64_t>(count, -5));
                QCOMPARE(fused_clip.total, clip.total);
                QCOMPARE(fused_clip.clippedLow, clip.clippedLow);
                QCOMPARE(fused_clip.clippedHigh, clip.clippedHigh);
                QCOMPARE(fused_stats.count, stats.count);
                QCOMPARE(fused_stats.maxAbs, stats.maxAbs);
                QCOMPARE(fused_stats.overflows, int64_t(0));
                QCOMPARE(fused_stats.int64Used, stats.int64Used);
            }
        }
    }

    void convPackedWeightsAndReusedScratchEqualNaive()
    {
        // intConv's packed paths keep their buffers per thread between calls and may take the
        // weights packed once (ConvParams::packedWeights). On every path, convs of different
        // geometry, padding code Z_x and code width (u8 × s8 and int16 paths) run in an order
        // that grows and shrinks the buffers, each with and without packed weights and with
        // weights packed for other zero points (which must be repacked, not used), and each
        // result must equal a naive Σ (x − Z_x)·(w − Z_w[o]) + b — so no border, tail or
        // weight survives from one call into the next.
        struct Case { int64_t c, o, k, stride, pad; int32_t zx, w_span; };
        const Case cases[] = {
            {16, 16, 3, 1, 1, 0, 255},  {5, 7, 3, 2, 2, 131, 255}, {6, 9, 3, 1, 2, 17, 511},
            {3, 13, 1, 1, 0, 255, 200}, {2, 5, 5, 1, 3, 64, 255},  {8, 6, 3, 1, 2, 200, 255},
            {4, 19, 1, 1, 0, 3, 255},
        };
        Rng rng(47);
        for (Isa isa : supportedIsas()) {
            setActiveIsa(isa);
            for (const int index : {0, 1, 2, 3, 4, 5, 6, 6, 5, 4, 3, 2, 1, 0, 2, 0, 4, 5}) {
                const Case& t = cases[index];
                ConvParams p = squareConv(t.c, t.o, t.k, t.stride, t.pad, t.zx);
                p.weightZeroPoint.resize(size_t(t.o));
                for (auto& z : p.weightZeroPoint)
                    z = int32_t(rng.next() % 5) - 2;
                const int64_t depth = t.c * t.k * t.k;
                std::vector<int32_t> x(size_t(p.batch * t.c * 9 * 11)), w(size_t(t.o * depth)),
                    bias(size_t(t.o));
                for (auto& v : x) v = int32_t(rng.next() % 256);
                for (size_t i = 0; i < w.size(); ++i)
                    w[i] = p.weightZeroPoint[i / size_t(depth)] - t.w_span / 2 +
                           int32_t(rng.next() % uint64_t(t.w_span));
                for (auto& b : bias) b = int32_t(rng.next() % 2001) - 1000;
                p.bias = bias.data();
                const int64_t oh = p.outHeight(), ow = p.outWidth();
                std::vector<int64_t> naive(size_t(p.batch * t.o * oh * ow));
                for (int64_t n = 0; n < p.batch; ++n)
                    for (int64_t o = 0; o < t.o; ++o)
                        for (int64_t oy = 0; oy < oh; ++oy)
                            for (int64_t ox = 0; ox < ow; ++ox) {
                                int64_t acc = bias[size_t(o)];
                                for (int64_t k = 0; k < depth; ++k) {
                                    const int64_t ch = k / (t.k * t.k);
                                    const int64_t iy = oy * t.stride - t.pad + k / t.k % t.k;
                                    const int64_t ix = ox * t.stride - t.pad + k % t.k;
                                    if (iy < 0 || iy >= 9 || ix < 0 || ix >= 11)
                                        continue; // padding: x − Z_x = 0
                                    acc += int64_t(x[size_t(((n * t.c + ch) * 9 + iy) * 11 + ix)] - t.zx) *
                                           (w[size_t(o * depth + k)] - p.weightZeroPoint[size_t(o)]);
                                }
                                naive[size_t(((n * t.o + o) * oh + oy) * ow + ox)] = acc;
                            }
                const PackedConvWeights packed = packConvWeights(p, w.data());
                ConvParams other_zero_points = p;
                other_zero_points.weightZeroPoint.assign(size_t(t.o), 7);
                const PackedConvWeights stale = packConvWeights(other_zero_points, w.data());
                for (const PackedConvWeights* weights : {&packed, &stale,
                                                         static_cast<const PackedConvWeights*>(nullptr)}) {
                    p.packedWeights = weights;
                    std::vector<int64_t> acc(naive.size(), -5);
                    intConv(p, x.data(), w.data(), acc.data());
                    QVERIFY2(acc == naive, qPrintable(QStringLiteral("%1: case %2, %3 weights")
                                                          .arg(isaName(isa)).arg(index)
                                                          .arg(weights == &packed  ? "packed"
                                                               : weights == &stale ? "stale"
                                                                                   : "no packed")));
                }
            }
        }
    }

    void u8s8GemmRowsEveryIsaEqualsPacked()
    {
        // The u8 × s8 GEMM over row offsets (the stride-1 conv's channel-quad image): rows of B
        // gathered from overlapping offsets of one buffer, against u8s8GemmPacked on the same
        // rows copied out, on every path; and interleaveChannels4 and interleaveBytes4Strided
        // against packQuad.
        Rng rng(59);
        const int64_t M = 13, Npad = 80, K4 = 11;
        std::vector<int32_t> a(size_t(M * K4)), image(600);
        for (auto& v : a) v = int32_t(rng.next());
        for (auto& v : image) v = int32_t(rng.next());
        std::vector<int64_t> offsets(static_cast<size_t>(K4));
        std::vector<int32_t> b(size_t(K4 * Npad));
        for (int64_t j = 0; j < K4; ++j) {
            offsets[size_t(j)] = int64_t(rng.next() % uint64_t(600 - Npad));
            std::copy_n(image.begin() + offsets[size_t(j)], Npad, b.begin() + j * Npad);
        }
        std::vector<int32_t> expected(size_t(M * Npad));
        u8s8GemmPackedWith(Isa::Scalar, M, Npad, K4, a.data(), b.data(), expected.data());
        std::vector<int32_t> x(4 * 37);
        for (auto& v : x) v = int32_t(rng.next() % 256);
        for (Isa isa : supportedIsas()) {
            std::vector<int32_t> c(expected.size(), -1);
            u8s8GemmRowsWith(isa, M, Npad, K4, a.data(), image.data(), offsets.data(), c.data());
            QVERIFY2(c == expected, isaName(isa));
            setActiveIsa(isa);
            std::vector<int32_t> words(37);
            interleaveChannels4(x.data(), x.data() + 37, x.data() + 74, x.data() + 111, 37,
                                words.data());
            for (size_t i = 0; i < words.size(); ++i)
                QCOMPARE(words[i], packQuad(x[i], x[37 + i], x[74 + i], x[111 + i]));
            // The strided byte interleave (a strided conv's row of B): every 1st, 2nd, 3rd byte.
            std::vector<uint8_t> bytes(4 * 120);
            for (size_t i = 0; i < bytes.size(); ++i)
                bytes[i] = uint8_t(x[i % x.size()] ^ int32_t(i));
            for (const int64_t stride : {1, 2, 3}) {
                std::vector<int32_t> strided(37, -1);
                const uint8_t* p = bytes.data();
                interleaveBytes4StridedWith(isa, p, p + 120, p + 240, p + 360, 37, stride,
                                            strided.data());
                for (int64_t i = 0; i < 37; ++i) {
                    const int64_t at = i * stride;
                    QCOMPARE(strided[size_t(i)], packQuad(p[at], p[120 + at], p[240 + at], p[360 + at]));
                }
            }
        }
    }

    void u8s8GemmOutputStageEveryIsaEqualsRequantizeInt32()
    {
        // The byte GEMM's output stage (ByteGemmRequant: requantization in the registers) on
        // every path and both row forms against the raw GEMM plus the shift, requantized row by
        // row by requantizeInt32Row on the scalar path over the valid columns: codes, clip
        // counts and max |acc|, with junk columns (cleared mask bits) whose codes are stored
        // but whose clips and |acc| must not count. Ties (M = 0.5), per-row multipliers, and a
        // range that clips on both sides.
        Rng rng(61);
        const int64_t M = 11, Npad = 96, K4 = 7;
        std::vector<int32_t> a(size_t(M * K4)), b(size_t(K4 * Npad));
        for (auto& v : a) v = packQuad(int32_t(rng.next() % 256) - 128, int32_t(rng.next() % 256) - 128,
                                       int32_t(rng.next() % 256) - 128, int32_t(rng.next() % 256) - 128);
        for (auto& v : b) v = int32_t(rng.next());
        std::vector<int64_t> offsets(static_cast<size_t>(K4));
        for (int64_t j = 0; j < K4; ++j) offsets[size_t(j)] = j * Npad;
        std::vector<int32_t> raw(size_t(M * Npad));
        u8s8GemmPackedWith(Isa::Scalar, M, Npad, K4, a.data(), b.data(), raw.data());
        std::vector<uint32_t> shift(static_cast<size_t>(M));
        std::vector<float> multiplier(static_cast<size_t>(M));
        for (int64_t m = 0; m < M; ++m) {
            shift[size_t(m)] = uint32_t(rng.next() % 20001) - 10000u;
            multiplier[size_t(m)] = m == 0 ? 0.5f : 0.001f * float(1 + rng.next() % 9);
        }
        // Column n is valid unless n % 12 ≥ 10 (the contiguous layout's junk) or n ≥ 90.
        std::vector<uint16_t> valid(static_cast<size_t>(Npad / 16), 0);
        for (int64_t n = 0; n < Npad; ++n)
            if (n % 12 < 10 && n < 90) valid[size_t(n / 16)] |= uint16_t(1u << (n % 16));
        RequantParams params;
        params.multiplier = multiplier;
        params.outputZeroPoint = 3;
        params.activationMin = 0;
        params.activationMax = 200;
        setActiveIsa(Isa::Scalar);
        std::vector<int32_t> expected(raw.size());
        int64_t low = 0, high = 0;
        int32_t largest = 0;
        for (int64_t m = 0; m < M; ++m)
            for (int64_t n = 0; n < Npad; ++n) {
                const size_t at = size_t(m * Npad + n);
                const auto acc = int32_t(uint32_t(raw[at]) + shift[size_t(m)]);
                int64_t l = 0, h = 0;
                int32_t big = 0;
                requantizeInt32Row(params, m, &acc, 1, &expected[at], &l, &h, &big);
                if ((valid[size_t(n / 16)] >> (n % 16)) & 1u) {
                    low += l;
                    high += h;
                    largest = std::max(largest, big);
                }
            }
        QVERIFY(low > 0 && high > 0);
        int64_t junk_clips = 0; // the mask must matter: junk columns clip too
        for (int64_t m = 0; m < M; ++m)
            for (int64_t n = 0; n < Npad; ++n)
                if (!((valid[size_t(n / 16)] >> (n % 16)) & 1u))
                    junk_clips += expected[size_t(m * Npad + n)] == 0 ||
                                  expected[size_t(m * Npad + n)] == 200;
        QVERIFY(junk_clips > 0);
        for (Isa isa : supportedIsas())
            for (const bool rows : {false, true}) {
                ByteGemmRequant stage;
                stage.shift = shift.data();
                stage.multiplier = multiplier.data();
                stage.zeroPoint = params.outputZeroPoint;
                stage.activationMin = params.activationMin;
                stage.activationMax = params.activationMax;
                stage.valid = valid.data();
                std::vector<int32_t> c(raw.size(), -1);
                if (rows)
                    u8s8GemmRowsWith(isa, M, Npad, K4, a.data(), b.data(), offsets.data(),
                                     c.data(), &stage);
                else
                    u8s8GemmPackedWith(isa, M, Npad, K4, a.data(), b.data(), c.data(), &stage);
                const char* what = rows ? "rows" : "packed";
                QVERIFY2(c == expected,
                         qPrintable(QStringLiteral("%1 %2").arg(isaName(isa), what)));
                QCOMPARE(stage.low, low);
                QCOMPARE(stage.high, high);
                QCOMPARE(stage.maxAbs, largest);
            }
    }

    void maxPool2x2EveryIsaEqualsNaive()
    {
        // The integer MaxPool's 2 × 2 / 2 kernel over row pairs: odd widths (the last column
        // unread), one and many rows, codes below the floor (the floor wins) and at the int32
        // extremes, on every path against the definition.
        Rng rng(53);
        for (const int64_t in_width : {2, 9, 16, 33, 70})
            for (const int64_t rows : {1, 3, 14}) {
                const int64_t out_width = in_width / 2;
                std::vector<int32_t> x(size_t(2 * rows * in_width));
                for (auto& v : x) v = int32_t(rng.next() % 300) - 20;
                x[0] = INT32_MIN;
                x.back() = INT32_MAX;
                std::vector<int32_t> expected(size_t(rows * out_width));
                for (int64_t r = 0; r < rows; ++r)
                    for (int64_t ox = 0; ox < out_width; ++ox) {
                        int32_t m = -3; // the floor
                        for (int64_t dy = 0; dy < 2; ++dy)
                            for (int64_t dx = 0; dx < 2; ++dx)
                                m = std::max(m, x[size_t((2 * r + dy) * in_width + 2 * ox + dx)]);
                        expected[size_t(r * out_width + ox)] = m;
                    }
                for (Isa isa : supportedIsas()) {
                    std::vector<int32_t> y(expected.size(), 12345);
                    QL_KERNEL_FOR(isa, maxPool2x2)(x.data(), rows, in_width, out_width, -3, y.data());
                    QVERIFY2(y == expected, qPrintable(QStringLiteral("%1: width %2, rows %3")
                                                           .arg(isaName(isa)).arg(in_width).arg(rows)));
                }
            }
    }
};

QTEST_GUILESS_MAIN(TestIsaIntConv)
#include "test_isa_int_conv.moc"
