// Run-time kernel dispatch (core/isa/cpu_isa.h): the instruction-set names, and every path this
// CPU supports computing exactly what the scalar path computes — the packed int16 GEMM and the
// FP32 convolution kernel (stride 1 over shifted views, and strided through im2col), on random
// shapes with row and column tails, compared bit for bit (memcmp-level: integers with ==,
// floats with == after checking both are finite).
// The FP32 kernel is also checked against a naive loop that adds the taps in the same order,
// so "equal to scalar" cannot hide a scalar path that is itself wrong; the error statistics
// sums (ErrorAccumulator over the errorSums kernel) against a naive loop with the same 8-lane
// association, and the codes' one-pass statistics (codeErrorSums) against those of their
// dequantized floats; the half-even float requantization and integer Add kernels against their
// element-wise definitions, and the accumulator scan against a naive loop. The integer conv's
// own kernels are checked in test_isa_int_conv.cpp.

#include <QtTest/QtTest>

#include "core/error.h"
#include "core/isa/cpu_isa.h"
#include "core/isa/kernel_choice.h"
#include "core/ops/conv_kernel.h"
#include "core/quant/error_stats.h"
#include "core/quant/fixed_point.h"
#include "core/quant/int16_gemm.h"
#include "core/quant/int_gemm.h"
#include "core/quant/int_ops/int_add_op.h"
#include "core/quant/rounding.h"
#include "isa_env.h"

using namespace ql;

namespace {

// A random FP32 conv problem: image [c, h, w], weights [m, c·kh·kw], bias [m], values in [−1, 1).
struct ConvData
{
    std::vector<float> image, W, bias;
};

ConvData randomConv(Rng& rng, int64_t c, int64_t h, int64_t w, int64_t K, int64_t m)
{
    ConvData d{std::vector<float>(size_t(c * h * w)), std::vector<float>(size_t(m * K)),
               std::vector<float>(size_t(m))};
    for (std::vector<float>* v : {&d.image, &d.W, &d.bias})
        for (float& x : *v)
            x = float(rng.uniform() * 2.0 - 1.0);
    return d;
}

// Naive conv: every tap in k order from 0 (padding reads 0) with one fused multiply-add each,
// then + bias — the order and rounding the kernels keep, so their results must be identical,
// not just close.
std::vector<float> naiveConv(const ConvData& d, int64_t c, int64_t h, int64_t w, int64_t kh,
                             int64_t kw, int64_t sy, int64_t sx, int64_t dil, int64_t padT,
                             int64_t padL, int64_t outH, int64_t outW, int64_t m)
{
    const int64_t K = c * kh * kw;
    std::vector<float> y(size_t(m * outH * outW));
    for (int64_t o = 0; o < m; ++o)
        for (int64_t oy = 0; oy < outH; ++oy)
            for (int64_t ox = 0; ox < outW; ++ox) {
                float s = 0.0f;
                for (int64_t ch = 0; ch < c; ++ch)
                    for (int64_t ky = 0; ky < kh; ++ky)
                        for (int64_t kx = 0; kx < kw; ++kx) {
                            const int64_t iy = oy * sy + ky * dil - padT;
                            const int64_t ix = ox * sx + kx * dil - padL;
                            const bool inside = iy >= 0 && iy < h && ix >= 0 && ix < w;
                            const float x = inside ? d.image[size_t((ch * h + iy) * w + ix)] : 0.0f;
                            // One fused multiply-add per tap, as the kernels do.
                            s = std::fma(d.W[size_t(o * K + (ch * kh + ky) * kw + kx)], x, s);
                        }
                y[size_t((o * outH + oy) * outW + ox)] = s + d.bias[size_t(o)];
            }
    return y;
}

// "" when y equals the naive result element for element (both finite), else the first miss.
QString firstMismatch(Isa isa, const std::vector<float>& y, const std::vector<float>& naive)
{
    for (size_t i = 0; i < y.size(); ++i)
        if (!(std::isfinite(y[i]) && y[i] == naive[i]))
            return QStringLiteral("%1: output %2 is %3, naive %4")
                .arg(isaName(isa)).arg(i).arg(y[i], 0, 'g', 9).arg(naive[i], 0, 'g', 9);
    return {};
}

} // namespace

class TestIsaDispatch : public QObject
{
    Q_OBJECT

    Isa m_initial = Isa::Scalar;

private slots:
    void initTestCase()
    {
        if (const QString why = forcedIsaUnavailable(); !why.isEmpty())
            QSKIP(qPrintable(why));
        m_initial = activeIsa();
        QStringList names;
        for (Isa isa : supportedIsas())
            names << isaName(isa);
        qInfo("active: %s; supported here: %s", isaName(m_initial), qPrintable(names.join(", ")));
    }
    void cleanup() { setActiveIsa(m_initial); }

    void namesRoundTrip()
    {
        for (Isa isa : {Isa::Scalar, Isa::Avx2, Isa::Avx512Vnni}) {
            Isa parsed = Isa::Scalar;
            QVERIFY(parseIsa(isaName(isa), &parsed));
            QCOMPARE(parsed, isa);
        }
        Isa untouched = Isa::Avx2;
        QVERIFY(!parseIsa("avx512", &untouched));
        QCOMPARE(untouched, Isa::Avx2);
        QVERIFY(isaSupported(Isa::Scalar));
        QCOMPARE(supportedIsas().front(), Isa::Scalar);
        QVERIFY(isaSupported(bestIsa()));
        QVERIFY(isaSupported(activeIsa()));
        for (Isa isa : {Isa::Scalar, Isa::Avx2, Isa::Avx512Vnni})
            if (!isaSupported(isa))
                QVERIFY_THROWS_EXCEPTION(Error, setActiveIsa(isa));
    }

    void int16GemmEveryIsaEqualsScalar()
    {
        // int8-range pairs (|v| ≤ 255, so K2 · 2 · 255² stays far inside int32 for K2 ≤ 200)
        // over shapes with every row tail (M mod 4) and column tail (Npad / 16 mod 4).
        Rng rng(2026);
        for (const int64_t m : {1, 3, 4, 7, 70})
            for (const int64_t npad : {16, 48, 64, 80, 208})
                for (const int64_t k2 : {1, 13, 200}) {
                    std::vector<int32_t> a(size_t(m * k2)), b(size_t(k2 * npad));
                    auto code = [&rng] { return int32_t(rng.next() % 511) - 255; };
                    for (auto& v : a) v = packPair(code(), code());
                    for (auto& v : b) v = packPair(code(), code());
                    std::vector<int32_t> reference(size_t(m * npad));
                    int16GemmPackedWith(Isa::Scalar, m, npad, k2, a.data(), b.data(), reference.data());
                    for (Isa isa : supportedIsas()) {
                        std::vector<int32_t> out(size_t(m * npad), -1);
                        int16GemmPackedWith(isa, m, npad, k2, a.data(), b.data(), out.data());
                        QVERIFY2(out == reference, isaName(isa));
                    }
                }
    }

    void shiftedConvEveryIsaEqualsScalar()
    {
        struct Case { int64_t c, h, w, kh, kw, dil, pad, m; };
        const Case cases[] = {
            {1, 28, 28, 3, 3, 1, 1, 8},  // the demo stem: 28 × 30 = 840 columns
            {5, 9, 11, 3, 2, 2, 2, 7},   // dilation, uneven kernel, 3 rows in the last block
            {3, 4, 4, 1, 1, 1, 0, 5},    // 1 × 1, fewer columns than one vector
            {16, 14, 14, 3, 3, 1, 1, 13},
        };
        Rng rng(7);
        for (const Case& t : cases) {
            ShiftedConv g{t.c, t.h, t.w, 0, 0, t.kh, t.kw, t.dil, t.dil, t.pad, t.pad, t.pad, t.pad};
            g.outHeight = t.h + 2 * t.pad - (t.kh - 1) * t.dil;
            g.outWidth = t.w + 2 * t.pad - (t.kw - 1) * t.dil;
            const int64_t K = t.c * t.kh * t.kw, plane = g.outHeight * g.outWidth;
            const ConvData d = randomConv(rng, t.c, t.h, t.w, K, t.m);
            const std::vector<float> naive = naiveConv(d, t.c, t.h, t.w, t.kh, t.kw, 1, 1, t.dil,
                                                       t.pad, t.pad, g.outHeight, g.outWidth, t.m);
            for (Isa isa : supportedIsas()) {
                setActiveIsa(isa);
                std::vector<float> y(size_t(t.m * plane), -7.0f), scratch;
                shiftedConv(g, t.m, d.image.data(), d.W.data(), d.bias.data(), y.data(), scratch);
                const QString miss = firstMismatch(isa, y, naive);
                QVERIFY2(miss.isEmpty(), qPrintable(miss));
            }
        }
    }

    void im2colConvEveryIsaEqualsNaive()
    {
        // The general conv path (stride 2, ResNet's 7 × 7 stem and 1 × 1 downsample shapes,
        // dilation, a negative pad that crops), against a naive loop adding the taps in k
        // order from 0 (one fused multiply-add each) and then the bias — the order and
        // rounding the kernel keeps, so equality is exact.
        struct Case { int64_t c, h, w, kh, kw, sy, sx, dil, padT, padL, outH, outW, m; };
        const Case cases[] = {
            {3, 23, 23, 7, 7, 2, 2, 1, 3, 3, 12, 12, 8},  // stem: 144 columns, 8 rows
            {6, 9, 9, 1, 1, 2, 2, 1, 0, 0, 5, 5, 13},     // strided 1 × 1: 25 columns, row tail
            {4, 11, 10, 3, 3, 2, 3, 2, 1, 2, 5, 4, 7},    // uneven strides, dilation, padding
            {2, 8, 8, 3, 3, 1, 1, 1, -1, -1, 4, 4, 25},   // negative pad: more than kMaxRows rows
        };
        Rng rng(11);
        for (const Case& t : cases) {
            const Im2colGeometry g{t.h, t.w, t.outH, t.outW, t.sy, t.sx, t.dil, t.dil, t.padT, t.padL};
            const int64_t K = t.c * t.kh * t.kw, plane = t.outH * t.outW;
            const ConvData d = randomConv(rng, t.c, t.h, t.w, K, t.m);
            const std::vector<float> naive = naiveConv(d, t.c, t.h, t.w, t.kh, t.kw, t.sy, t.sx,
                                                       t.dil, t.padT, t.padL, t.outH, t.outW, t.m);
            for (Isa isa : supportedIsas()) {
                setActiveIsa(isa);
                std::vector<float> y(size_t(t.m * plane), -7.0f), scratch(3, 1e30f);
                im2colConv(g, t.c, t.kh, t.kw, t.m, d.image.data(), d.W.data(), d.bias.data(),
                           y.data(), scratch);
                const QString miss = firstMismatch(isa, y, naive);
                QVERIFY2(miss.isEmpty(), qPrintable(miss));
            }
        }
    }

    void errorStatsEveryIsaEqualsNaive()
    {
        // Lengths with every lane tail; a few exact errors of 0 and −0, and one NaN pair (which
        // must never become the worst element). Naive: 8 interleaved lanes in index order,
        // combined in lane order — the association the accumulator documents — so the sums
        // must be identical, not close.
        Rng rng(11);
        for (const int64_t n : {1, 7, 8, 9, 1001, 4096}) {
            std::vector<float> ref(static_cast<size_t>(n)), deq(static_cast<size_t>(n));
            for (int64_t i = 0; i < n; ++i) {
                ref[size_t(i)] = float(rng.uniform() * 4.0 - 2.0);
                deq[size_t(i)] = i % 5 == 0 ? ref[size_t(i)] : float(ref[size_t(i)] + rng.uniform() * 0.1 - 0.05);
            }
            if (n > 100)
                deq[50] = std::numeric_limits<float>::quiet_NaN();
            double sumE[8] = {}, sumE2[8] = {}, sumR2[8] = {};
            double maxAbs = 0.0, worst = -1.0;
            int64_t worstAt = -1;
            for (int64_t i = 0; i < n; ++i) {
                const double r = ref[size_t(i)], d = deq[size_t(i)], e = d - r;
                sumE[i % 8] += e;
                sumE2[i % 8] += e * e;
                sumR2[i % 8] += r * r;
                if (std::abs(e) > worst) {
                    worst = std::abs(e);
                    worstAt = i;
                }
                maxAbs = std::max(maxAbs, std::abs(e));
            }
            double e1 = 0.0, e2 = 0.0, r2 = 0.0;
            for (int l = 0; l < 8; ++l) {
                e1 += sumE[l];
                e2 += sumE2[l];
                r2 += sumR2[l];
            }
            for (Isa isa : supportedIsas()) {
                setActiveIsa(isa);
                ErrorAccumulator acc;
                acc.add(ref.data(), deq.data(), n, 1000);
                const ErrorStats st = acc.finish(-2.0, 2.0);
                if (n <= 100) { // no NaN: the sums are comparable
                    QVERIFY2(st.meanError == e1 / double(n), isaName(isa)); // exact, not fuzzy
                    QVERIFY2(st.mse == e2 / double(n), isaName(isa));
                    QVERIFY2(st.sqnrDb == std::min(200.0, 10.0 * std::log10(r2 / e2)), isaName(isa));
                }
                QVERIFY2(st.maxAbsError == maxAbs, isaName(isa));
                QCOMPARE(acc.worstOffset(), 1000 + worstAt);
            }
        }
    }

    void codeErrorStatsEveryIsaEqualFloatPath()
    {
        // addCodes (codeErrorSums: dequantize, clip counts and sums in one pass) against add()
        // on the dequantized floats with naively counted clips, which the test above ties to
        // the naive sums: every statistic, both histograms and the worst offset must be equal.
        // u8 codes with runs at qmin / qmax, references inside, on and beyond the bounds, a NaN
        // reference, lengths with every lane tail, an offset that is not a stride multiple.
        Rng rng(12);
        CodeDequant dq;
        dq.scale = 0.0173f;
        dq.zeroPoint = 37;
        dq.qmin = 0;
        dq.qmax = 255;
        dq.below = dq.scale * float(dq.qmin - dq.zeroPoint) - 0.5f * dq.scale;
        dq.above = dq.scale * float(dq.qmax - dq.zeroPoint) + 0.5f * dq.scale;
        for (const int64_t n : {1, 7, 8, 9, 1001, 4096}) {
            std::vector<int32_t> codes(static_cast<size_t>(n));
            std::vector<float> ref(static_cast<size_t>(n)), deq(static_cast<size_t>(n));
            int64_t low = 0, high = 0;
            for (size_t i = 0; i < size_t(n); ++i) {
                const int kind = int(rng.next() % 6);
                codes[i] = kind == 0 ? dq.qmin : kind == 1 ? dq.qmax : int32_t(rng.next() % 256);
                deq[i] = float(codes[i] - dq.zeroPoint) * dq.scale;
                const double jitter = kind < 2 && rng.next() % 2 ? 2.0 : 0.01;
                ref[i] = float(deq[i] + (kind == 0 ? -1 : kind == 1 ? 1 : rng.uniform() - 0.5) *
                                            rng.uniform() * jitter);
                if (kind < 2 && i % 7 == 3) // exactly on the bound: not a clip
                    ref[i] = kind == 0 ? dq.below : dq.above;
                if (n > 100 && i == 77)
                    ref[i] = std::numeric_limits<float>::quiet_NaN();
                low += codes[i] == dq.qmin && ref[i] < dq.below;
                high += codes[i] == dq.qmax && ref[i] > dq.above;
            }
            QVERIFY(n < 100 || (low > 0 && high > 0)); // both clip counts are exercised
            ErrorAccumulator floats(3 * n);
            floats.add(ref.data(), deq.data(), n, 5, low, high, 2);
            const ErrorStats want = floats.finish(-1.0, 3.0);
            for (Isa isa : supportedIsas()) {
                setActiveIsa(isa);
                ErrorAccumulator acc(3 * n);
                acc.addCodes(ref.data(), codes.data(), n, 5, dq, 2);
                const ErrorStats got = acc.finish(-1.0, 3.0);
                const char* path = isaName(isa);
                auto same = [](double a, double b) { return a == b || (a != a && b != b); };
                QVERIFY2(got.count == want.count && got.overflows == want.overflows, path);
                QVERIFY2(same(got.meanError, want.meanError) && same(got.mse, want.mse), path);
                QVERIFY2(same(got.sqnrDb, want.sqnrDb) && same(got.cosine, want.cosine), path);
                QVERIFY2(got.maxAbsError == want.maxAbsError, path);
                QVERIFY2(got.clipLowRate == want.clipLowRate, path);
                QVERIFY2(got.clipHighRate == want.clipHighRate, path);
                QVERIFY2(got.refMin == want.refMin && got.refMax == want.refMax, path);
                QVERIFY2(got.errorHist == want.errorHist && got.valueHist == want.valueHist, path);
                QCOMPARE(acc.worstOffset(), floats.worstOffset());
            }
        }
    }

    void requantizeHalfEvenEveryIsaEqualsDefinition()
    {
        // requantize() in float mode with half-even rounding runs the per-ISA row kernel
        // (core/isa/requantize_kernel.inc). Against the element-wise definition the
        // walk-through uses (multiplyByFloatMultiplier, requantizedCodeUnclamped, clamp), on
        // every path: accumulators from 0 and ±1 through int32 to ±2^62, per-tensor and
        // per-channel multipliers (ties of float32(acc)·M included: M = 0.5, 0.25), u8, s8 and
        // 16-bit activation ranges, rows of odd length (vector tails).
        Rng rng(4242);
        std::vector<int64_t> acc;
        for (int64_t v : {int64_t(0), int64_t(1), int64_t(-1), int64_t(3), int64_t(-3),
                          int64_t(5), int64_t(-5), int64_t(INT32_MAX), int64_t(INT32_MIN),
                          int64_t(1) << 40, -(int64_t(1) << 40), int64_t(1) << 62,
                          -(int64_t(1) << 62)})
            acc.push_back(v);
        while (acc.size() < 3 * 37 * 2)
            acc.push_back(int64_t(rng.next() >> (rng.next() % 64)) * (rng.next() % 2 ? 1 : -1));
        struct Range
        {
            int32_t zero_point, activation_min, activation_max;
        };
        for (const Range range : {Range{128, 0, 255}, Range{-3, -128, 127}, Range{0, 0, 6},
                                  Range{1200, -32768, 32767}})
            for (const std::vector<float>& multipliers :
                 {std::vector<float>{0.5f}, std::vector<float>{0.25f, 3e-5f, 1.7f},
                  std::vector<float>{1e-9f}}) {
                RequantParams params;
                params.multiplier = multipliers;
                params.outputZeroPoint = range.zero_point;
                params.activationMin = range.activation_min;
                params.activationMax = range.activation_max;
                const int64_t channels = multipliers.size() == 1 ? 1 : 3;
                const int64_t inner = int64_t(acc.size()) / (2 * channels);
                std::vector<int32_t> expected(acc.size());
                int64_t low = 0, high = 0;
                for (size_t i = 0; i < acc.size(); ++i) {
                    const float m = multipliers[multipliers.size() == 1 ? 0 : i / inner % 3];
                    const int64_t code = requantizedCodeUnclamped(
                        multiplyByFloatMultiplier(acc[i], m), range.zero_point,
                        range.activation_min, range.activation_max);
                    low += code < range.activation_min;
                    high += code > range.activation_max;
                    expected[i] = int32_t(std::clamp<int64_t>(code, range.activation_min,
                                                              range.activation_max));
                }
                for (Isa isa : supportedIsas()) {
                    setActiveIsa(isa);
                    std::vector<int32_t> out(acc.size(), -7);
                    ClipStats clip;
                    requantize(params, acc.data(), 2, channels, inner, out.data(), &clip);
                    QVERIFY2(out == expected, isaName(isa));
                    QCOMPARE(clip.clippedLow, low);
                    QCOMPARE(clip.clippedHigh, high);
                }
            }
    }

    void addHalfEvenEveryIsaEqualsDefinition()
    {
        // The integer Add's kernel (core/isa/add_kernel.inc) against runAdd's element-wise
        // arithmetic — R_half_even(M_a·(a − Z_a) + M_b·(b − Z_b)) + Z_y, clamped, counted — on
        // every path: u8 and 16-bit codes, exact ties (M = 0.5), odd lengths (vector tails).
        Rng rng(77);
        struct Case
        {
            int32_t zero_a, zero_b, zero_y, activation_min, activation_max;
            double multiplier_a, multiplier_b;
            int32_t code_max;
        };
        for (const Case c : {Case{128, 3, 0, 0, 255, 0.5, 0.5, 255},
                             Case{-5, 7, 100, 0, 255, 0.731, 1.913, 255},
                             Case{0, 0, -12, -32768, 32767, 0.02, 3.7, 65535}})
            for (const int64_t n : {int64_t(1), int64_t(37), int64_t(1001)}) {
                std::vector<int32_t> a(static_cast<size_t>(n)), b(static_cast<size_t>(n));
                for (int64_t i = 0; i < n; ++i) {
                    a[size_t(i)] = int32_t(rng.next() % uint64_t(c.code_max + 1)) - (c.code_max > 255 ? 32768 : 0);
                    b[size_t(i)] = int32_t(rng.next() % uint64_t(c.code_max + 1)) - (c.code_max > 255 ? 32768 : 0);
                }
                std::vector<int32_t> expected(static_cast<size_t>(n));
                int64_t low = 0, high = 0;
                for (int64_t i = 0; i < n; ++i) {
                    const double sum = c.multiplier_a * double(int64_t(a[size_t(i)]) - c.zero_a) +
                                       c.multiplier_b * double(int64_t(b[size_t(i)]) - c.zero_b);
                    const int64_t code = roundToInt(sum, RoundingMode::HalfEven) + c.zero_y;
                    low += code < c.activation_min;
                    high += code > c.activation_max;
                    expected[size_t(i)] = int32_t(std::clamp<int64_t>(code, c.activation_min,
                                                                      c.activation_max));
                }
                for (Isa isa : supportedIsas()) {
                    setActiveIsa(isa);
                    std::vector<int32_t> out(static_cast<size_t>(n), -7);
                    int64_t got_low = 0, got_high = 0;
                    addHalfEvenOnActiveIsa(a.data(), b.data(), n, c.zero_a, c.zero_b,
                                           c.multiplier_a, c.multiplier_b, c.zero_y,
                                           c.activation_min, c.activation_max, out.data(),
                                           &got_low, &got_high);
                    QVERIFY2(out == expected, isaName(isa));
                    QCOMPARE(got_low, low);
                    QCOMPARE(got_high, high);
                }
            }
    }

    void accumulatorScanEveryIsaEqualsNaive()
    {
        // finishAccumulators' max |acc| and int32-overflow count (the accumulatorScan kernel):
        // values at 2^31 − 1, 2^31, −2^31, −2^31 − 1, ±2^62 and random widths, odd lengths and
        // none, on every path.
        Rng rng(91);
        std::vector<int64_t> acc{0, INT32_MAX, int64_t(INT32_MAX) + 1, INT32_MIN,
                                 int64_t(INT32_MIN) - 1, int64_t(1) << 62, -(int64_t(1) << 62)};
        while (acc.size() < 333)
            acc.push_back(int64_t(rng.next() >> (rng.next() % 64)) * (rng.next() % 2 ? 1 : -1));
        int64_t max_abs = 0, overflows = 0;
        for (int64_t v : acc) {
            max_abs = std::max(max_abs, v < 0 ? -v : v);
            overflows += v > INT32_MAX || v < INT32_MIN;
        }
        for (Isa isa : supportedIsas()) {
            setActiveIsa(isa);
            for (const size_t n : {acc.size(), size_t(5), size_t(0)}) {
                std::vector<int64_t> copy(acc.begin(), acc.begin() + long(n));
                AccumulatorStats stats;
                finishAccumulators(copy.data(), int64_t(n), AccumulatorMode::Int64, false, &stats);
                QCOMPARE(stats.maxAbs, n == acc.size() ? max_abs : n == 5 ? int64_t(1) - INT32_MIN : 0);
                QCOMPARE(stats.overflows, n == acc.size() ? overflows : n == 5 ? int64_t(2) : 0);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestIsaDispatch)
#include "test_isa_dispatch.moc"
