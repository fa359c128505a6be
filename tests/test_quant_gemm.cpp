// Integer GEMM / Conv with zero points (spec §3, §4): hand-computed cases, random cases
// against naive reference loops (exact equality), accumulator overflow under forced int32,
// and the requantization stage.

#include <QtTest/QtTest>

#include <limits>

#include "core/quant/int16_gemm.h"
#include "isa_env.h"
#include "core/quant/int_conv.h"
#include "core/quant/int_gemm.h"

using namespace ql;

namespace {

std::vector<int32_t> randomCodes(Rng& rng, size_t n, int32_t lo, int32_t hi)
{
    std::vector<int32_t> v(n);
    for (auto& x : v)
        x = lo + int32_t(rng.next() % uint64_t(hi - lo + 1));
    return v;
}

// Σ (x − Z_x[n])(w − Z_w[o]) + b[o] straight from the definition, in int64.
std::vector<int64_t> naiveGemm(const GemmParams& p, const std::vector<int32_t>& x,
                               const std::vector<int32_t>& w)
{
    std::vector<int64_t> acc(size_t(p.rows * p.cols));
    for (int64_t n = 0; n < p.rows; ++n)
        for (int64_t o = 0; o < p.cols; ++o) {
            const int64_t zx = p.inputZeroPoint.size() == 1 ? p.inputZeroPoint[0] : p.inputZeroPoint[n];
            const int64_t zw = p.weightZeroPoint.size() == 1 ? p.weightZeroPoint[0] : p.weightZeroPoint[o];
            int64_t s = p.bias ? p.bias[o] : 0;
            for (int64_t k = 0; k < p.depth; ++k)
                s += (x[n * p.depth + k] - zx) * (w[o * p.depth + k] - zw);
            acc[n * p.cols + o] = s;
        }
    return acc;
}

// Direct convolution: positions outside the image contribute nothing (real zero padding).
std::vector<int64_t> naiveConv(const ConvParams& p, const std::vector<int32_t>& x,
                               const std::vector<int32_t>& w)
{
    const int64_t oh = p.outHeight(), ow = p.outWidth();
    const int64_t cg = p.inChannels / p.group, og = p.outChannels / p.group;
    std::vector<int64_t> acc(size_t(p.batch * p.outChannels * oh * ow));
    for (int64_t n = 0; n < p.batch; ++n)
        for (int64_t o = 0; o < p.outChannels; ++o) {
            const int64_t g = o / og;
            const int64_t zw = p.weightZeroPoint.size() == 1 ? p.weightZeroPoint[0] : p.weightZeroPoint[o];
            for (int64_t out_y = 0; out_y < oh; ++out_y)
                for (int64_t out_x = 0; out_x < ow; ++out_x) {
                    int64_t s = p.bias ? p.bias[o] : 0;
                    for (int64_t c = 0; c < cg; ++c)
                        for (int64_t ky = 0; ky < p.kernelHeight; ++ky)
                            for (int64_t kx = 0; kx < p.kernelWidth; ++kx) {
                                const int64_t iy = out_y * p.strideHeight - p.padTop + ky * p.dilationHeight;
                                const int64_t ix = out_x * p.strideWidth - p.padLeft + kx * p.dilationWidth;
                                if (iy < 0 || iy >= p.inHeight || ix < 0 || ix >= p.inWidth)
                                    continue;
                                const int64_t xv = x[((n * p.inChannels + g * cg + c) * p.inHeight + iy) * p.inWidth + ix];
                                const int64_t wv = w[((o * cg + c) * p.kernelHeight + ky) * p.kernelWidth + kx];
                                s += (xv - p.inputZeroPoint) * (wv - zw);
                            }
                    acc[((n * p.outChannels + o) * oh + out_y) * ow + out_x] = s;
                }
        }
    return acc;
}

int64_t wrap32(int64_t v)
{
    return static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(v)));
}

} // namespace

class TestQuantGemm : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void handComputedGemm();
    void randomGemmMatchesNaive_data();
    void randomGemmMatchesNaive();
    void perRowInputZeroPoint();
    void emptyAndTinyShapes();
    void sixteenBitOverflow();
    void twelveBitOverflow();
    void autoStaysInt32For8Bit();
    void packedInt16GemmExtremes();
    void convPadsWithZeroPointCode();
    void convHandComputed();
    void randomConvMatchesNaive_data();
    void randomConvMatchesNaive();
    void requantizeFloatAndFixed();
    void requantizeFusedRelu();
    void productMultiplierAsOnnxRuntime();
};

void TestQuantGemm::initTestCase()
{
    if (const QString why = forcedIsaUnavailable(); !why.isEmpty())
        QSKIP(qPrintable(why));
    qInfo("kernels: %s", int16GemmIsa());
}

void TestQuantGemm::handComputedGemm()
{
    // x = [[1, 2], [5, 4]], Z_x = 1; w rows o0 = [2, 0], o1 = [1, 3], Z_w = [1, 2]; b = [10, −5]
    //   n0: x − 1 = [0, 1]: o0 (w − 1 = [1, −1]) → −1 + 10 = 9;  o1 (w − 2 = [−1, 1]) → 1 − 5 = −4
    //   n1: x − 1 = [4, 3]: o0 → 4 − 3 + 10 = 11;                 o1 → −4 + 3 − 5 = −6
    const std::vector<int32_t> x{1, 2, 5, 4};
    const std::vector<int32_t> w{2, 0, 1, 3};
    const std::vector<int32_t> bias{10, -5};
    GemmParams p;
    p.rows = 2;
    p.cols = 2;
    p.depth = 2;
    p.inputZeroPoint = {1};
    p.weightZeroPoint = {1, 2};
    p.bias = bias.data();
    std::vector<int64_t> acc(4);
    AccumulatorStats stats;
    intGemm(p, x.data(), w.data(), acc.data(), &stats);
    const std::vector<int64_t> expected{9, -4, 11, -6};
    QCOMPARE(acc, expected);
    QCOMPARE(stats.count, int64_t(4));
    QCOMPARE(stats.overflows, int64_t(0));
    QCOMPARE(stats.maxAbs, int64_t(11));
    QVERIFY(!stats.int64Used);
}

void TestQuantGemm::randomGemmMatchesNaive_data()
{
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<int>("depth");
    QTest::addColumn<bool>("signedInput");
    QTest::addColumn<int>("seed");
    QTest::newRow("u8 x s8 17x13x29") << 17 << 13 << 29 << false << 1;
    QTest::newRow("u8 x s8 5x64x300") << 5 << 64 << 300 << false << 2;
    QTest::newRow("s8 x s8 33x7x1") << 33 << 7 << 1 << true << 3;
    QTest::newRow("u8 x s8 2x3x70000 (chunked K)") << 2 << 3 << 70000 << false << 4;
}

void TestQuantGemm::randomGemmMatchesNaive()
{
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(int, depth);
    QFETCH(bool, signedInput);
    QFETCH(int, seed);
    Rng rng(seed);
    const auto x = signedInput ? randomCodes(rng, size_t(rows) * depth, -128, 127)
                               : randomCodes(rng, size_t(rows) * depth, 0, 255);
    const auto w = randomCodes(rng, size_t(cols) * depth, -128, 127);
    const auto bias = randomCodes(rng, size_t(cols), -100000, 100000);
    GemmParams p;
    p.rows = rows;
    p.cols = cols;
    p.depth = depth;
    p.inputZeroPoint = {signedInput ? -3 : 131};
    p.weightZeroPoint = randomCodes(rng, size_t(cols), -20, 20);
    p.bias = bias.data();
    p.accumulator = AccumulatorMode::Int64;
    std::vector<int64_t> acc(size_t(rows) * cols);
    intGemm(p, x.data(), w.data(), acc.data());
    QCOMPARE(acc, naiveGemm(p, x, w));
}

void TestQuantGemm::perRowInputZeroPoint()
{
    Rng rng(8);
    const auto x = randomCodes(rng, 4 * 6, 0, 255);
    const auto w = randomCodes(rng, 3 * 6, 0, 255);
    GemmParams p;
    p.rows = 4;
    p.cols = 3;
    p.depth = 6;
    p.inputZeroPoint = {1, 50, 100, 255};
    p.weightZeroPoint = {7, 0, 200};
    std::vector<int64_t> acc(12);
    intGemm(p, x.data(), w.data(), acc.data());
    QCOMPARE(acc, naiveGemm(p, x, w));
}

void TestQuantGemm::emptyAndTinyShapes()
{
    GemmParams p;
    p.rows = 0;
    p.cols = 3;
    p.depth = 4;
    AccumulatorStats stats;
    intGemm(p, nullptr, nullptr, nullptr, &stats);
    QCOMPARE(stats.count, int64_t(0));
    // K = 0: only the bias remains.
    const std::vector<int32_t> bias{3, -4};
    GemmParams k0;
    k0.rows = 1;
    k0.cols = 2;
    k0.depth = 0;
    k0.bias = bias.data();
    std::vector<int64_t> acc(2);
    const int32_t dummy = 0;
    intGemm(k0, &dummy, &dummy, acc.data());
    QCOMPARE(acc, (std::vector<int64_t>{3, -4}));
    GemmParams bad;
    bad.rows = 2;
    bad.cols = 2;
    bad.depth = 1;
    bad.weightZeroPoint = {1, 2, 3};
    QVERIFY_THROWS_EXCEPTION(std::exception, intGemm(bad, &dummy, &dummy, acc.data()));
}

void TestQuantGemm::sixteenBitOverflow()
{
    // 16-bit codes: |x − Z_x|·|w − Z_w| up to 2^30, K = 4096 ⇒ sums far beyond int32.
    Rng rng(16);
    const int rows = 3, cols = 5, depth = 4096;
    const auto x = randomCodes(rng, size_t(rows) * depth, 20000, 32767);
    const auto w = randomCodes(rng, size_t(cols) * depth, -32768, 32767);
    GemmParams p;
    p.rows = rows;
    p.cols = cols;
    p.depth = depth;
    p.inputZeroPoint = {-100};
    p.weightZeroPoint = {0, 1, 2, 3, -32768};
    const std::vector<int64_t> exact = naiveGemm(p, x, w);
    int64_t expected_overflows = 0;
    for (int64_t v : exact)
        expected_overflows += v > std::numeric_limits<int32_t>::max() || v < std::numeric_limits<int32_t>::min();
    QVERIFY(expected_overflows > 0);

    std::vector<int64_t> acc(size_t(rows) * cols);
    AccumulatorStats forced;
    p.accumulator = AccumulatorMode::Int32;
    intGemm(p, x.data(), w.data(), acc.data(), &forced);
    QCOMPARE(forced.overflows, expected_overflows);
    QVERIFY(!forced.int64Used);
    for (size_t i = 0; i < acc.size(); ++i)
        QCOMPARE(acc[i], wrap32(exact[i])); // two's complement wrap-around

    AccumulatorStats wide;
    p.accumulator = AccumulatorMode::Int64;
    intGemm(p, x.data(), w.data(), acc.data(), &wide);
    QCOMPARE(acc, exact);
    QCOMPARE(wide.overflows, expected_overflows); // still reported: they WOULD overflow int32
    QVERIFY(wide.int64Used);

    AccumulatorStats automatic;
    p.accumulator = AccumulatorMode::Auto;
    intGemm(p, x.data(), w.data(), acc.data(), &automatic);
    QCOMPARE(acc, exact);
    QVERIFY(automatic.int64Used);
}

void TestQuantGemm::twelveBitOverflow()
{
    // 12-bit signed codes at the extreme: 2047 · 2047 · 1024 ≈ 2^32 > 2^31.
    const int depth = 1024;
    const std::vector<int32_t> x(depth, 2047);
    std::vector<int32_t> w(2 * depth, 2047);
    for (int k = 0; k < depth; ++k)
        w[depth + k] = k % 2 ? 2047 : -2048; // second channel nearly cancels
    GemmParams p;
    p.rows = 1;
    p.cols = 2;
    p.depth = depth;
    const std::vector<int64_t> exact = naiveGemm(p, x, w);
    QCOMPARE(exact[0], int64_t(2047) * 2047 * depth);
    std::vector<int64_t> acc(2);
    AccumulatorStats stats;
    p.accumulator = AccumulatorMode::Int32;
    intGemm(p, x.data(), w.data(), acc.data(), &stats);
    QCOMPARE(stats.overflows, int64_t(1));
    QCOMPARE(acc[0], wrap32(exact[0]));
    QCOMPARE(acc[1], exact[1]);
    p.accumulator = AccumulatorMode::Auto;
    AccumulatorStats automatic;
    intGemm(p, x.data(), w.data(), acc.data(), &automatic);
    QCOMPARE(acc, exact);
    QVERIFY(automatic.int64Used);
    QCOMPARE(automatic.overflows, int64_t(1));
}

void TestQuantGemm::autoStaysInt32For8Bit()
{
    Rng rng(3);
    const int depth = 4096;
    const auto x = randomCodes(rng, depth, 0, 255);
    const auto w = randomCodes(rng, depth, -127, 127);
    GemmParams p;
    p.rows = 1;
    p.cols = 1;
    p.depth = depth;
    p.inputZeroPoint = {128};
    std::vector<int64_t> acc(1);
    AccumulatorStats stats;
    intGemm(p, x.data(), w.data(), acc.data(), &stats);
    QVERIFY(!stats.int64Used); // 4096 · 128 · 127 < 2^31
    QCOMPARE(stats.overflows, int64_t(0));
    QVERIFY(int32AccumulatorSafe(4096, 128, 127, 0));
    QVERIFY(!int32AccumulatorSafe(1 << 20, 255, 255, 0));
}

void TestQuantGemm::packedInt16GemmExtremes()
{
    // The pair kernel against Σ a·b in int64, at the edge of its contract: |a|, |b| = 2^15 − 1
    // with K = 2 (2 · (2^15 − 1)^2 = 2^31 − 2^17 + 2 ≤ 2^31 − 1), and random int8-range values
    // with K = 37 (odd: the last pair's high half is 0), over shapes that leave row and column
    // tails in every register block (M = 1..6, N up to 70 → Npad up to 80). Every path this CPU
    // supports (scalar, avx2, avx512vnni) must return exactly the int64 sum.
    Rng rng(11);
    for (const int depth : {2, 37})
        for (int64_t m = 1; m <= 6; ++m)
            for (const int64_t n : {int64_t(1), int64_t(16), int64_t(17), int64_t(70)}) {
                const int32_t range = depth == 2 ? 32767 : 255;
                auto a = randomCodes(rng, size_t(m * depth), -range, range);
                auto b = randomCodes(rng, size_t(depth * n), -range, range);
                if (depth == 2) { // all extremes, both signs
                    for (auto& v : a) v = v < 0 ? -32767 : 32767;
                    for (auto& v : b) v = v < 0 ? -32767 : 32767;
                }
                const int64_t pairs = (depth + 1) / 2;
                const int64_t npad = packedColumns(n);
                std::vector<int32_t> pa(size_t(m * pairs)), pb(size_t(pairs * npad), 0);
                for (int64_t r = 0; r < m; ++r)
                    for (int64_t j = 0; j < pairs; ++j)
                        pa[r * pairs + j] = packPair(a[r * depth + 2 * j],
                                                     2 * j + 1 < depth ? a[r * depth + 2 * j + 1] : 0);
                for (int64_t j = 0; j < pairs; ++j)
                    for (int64_t c = 0; c < n; ++c)
                        pb[j * npad + c] = packPair(b[2 * j * n + c],
                                                    2 * j + 1 < depth ? b[(2 * j + 1) * n + c] : 0);
                for (const Isa isa : supportedIsas()) {
                    std::vector<int32_t> out(size_t(m * npad));
                    int16GemmPackedWith(isa, m, npad, pairs, pa.data(), pb.data(), out.data());
                    for (int64_t r = 0; r < m; ++r)
                        for (int64_t c = 0; c < npad; ++c) {
                            int64_t expected = 0;
                            for (int64_t k = 0; c < n && k < depth; ++k)
                                expected += int64_t(a[r * depth + k]) * b[k * n + c];
                            QCOMPARE(int64_t(out[r * npad + c]), expected);
                        }
                }
            }
}

void TestQuantGemm::convPadsWithZeroPointCode()
{
    // Every input code equals Z_x (the image is all real zeros): with padding code Z_x every
    // output is exactly the bias. Padding with the integer 0 would give (0 − Z_x)·Σw at borders.
    ConvParams p;
    p.inChannels = 1;
    p.inHeight = 3;
    p.inWidth = 3;
    p.outChannels = 1;
    p.kernelHeight = 3;
    p.kernelWidth = 3;
    p.padTop = p.padLeft = p.padBottom = p.padRight = 1;
    p.inputZeroPoint = 77;
    p.weightZeroPoint = {0};
    const std::vector<int32_t> x(9, 77);
    const std::vector<int32_t> w{1, 2, 3, 4, 5, 6, 7, 8, 9};
    const std::vector<int32_t> bias{-42};
    p.bias = bias.data();
    std::vector<int64_t> acc(9);
    intConv(p, x.data(), w.data(), acc.data());
    QCOMPARE(acc, std::vector<int64_t>(9, -42));
    std::vector<int32_t> patches;
    im2colPatches(p, x.data(), 0, &patches);
    QCOMPARE(patches[0], 77); // top-left corner of the first patch is padding
}

void TestQuantGemm::convHandComputed()
{
    // x = [[1,2,3],[4,5,6],[7,8,9]], Z_x = 2, 2×2 kernel of ones (Z_w = 0), pads 1 → 4×4.
    ConvParams p;
    p.inChannels = 1;
    p.inHeight = 3;
    p.inWidth = 3;
    p.outChannels = 1;
    p.kernelHeight = 2;
    p.kernelWidth = 2;
    p.padTop = p.padLeft = p.padBottom = p.padRight = 1;
    p.inputZeroPoint = 2;
    QCOMPARE(p.outHeight(), int64_t(4));
    const std::vector<int32_t> x{1, 2, 3, 4, 5, 6, 7, 8, 9};
    const std::vector<int32_t> w{1, 1, 1, 1};
    std::vector<int64_t> acc(16);
    intConv(p, x.data(), w.data(), acc.data());
    // Centered x − 2 = [[−1,0,1],[2,3,4],[5,6,7]].
    const std::vector<int64_t> expected{-1, -1, 1, 1,  //
                                        1, 4, 8, 5,    //
                                        7, 16, 20, 11, //
                                        5, 11, 13, 7};
    QCOMPARE(acc, expected);
}

void TestQuantGemm::randomConvMatchesNaive_data()
{
    // Rows reach every conv path: dense convs through the packed int16 GEMM (odd depth, row and
    // column tails of its 4 × 64 register block; stride 1 in its padded-row column layout,
    // with and without dilation, and strided in the general layout), grouped/depthwise ones
    // direct, and codes too wide for int16 through the exact int64 GEMM.
    QTest::addColumn<int>("group");
    QTest::addColumn<int>("inChannels");
    QTest::addColumn<int>("outChannels");
    QTest::addColumn<int>("kernel");
    QTest::addColumn<int>("stride");
    QTest::addColumn<int>("dilation");
    QTest::addColumn<bool>("perChannel");
    QTest::addColumn<int>("bits");
    QTest::newRow("plain 3x2") << 1 << 3 << 4 << 0 << 1 << 1 << true << 8;
    QTest::newRow("grouped, stride 2") << 2 << 4 << 6 << 0 << 2 << 1 << true << 8;
    QTest::newRow("depthwise, dilation 2") << 5 << 5 << 5 << 0 << 1 << 2 << true << 8;
    QTest::newRow("per-tensor Z_w, stride 2, dilation 2") << 1 << 2 << 3 << 0 << 2 << 2 << false << 8;
    QTest::newRow("3x3, odd depth, 7 outputs") << 1 << 3 << 7 << 3 << 1 << 1 << true << 8;
    QTest::newRow("1x1, 13 outputs") << 1 << 9 << 13 << 1 << 1 << 1 << false << 8;
    QTest::newRow("3x3 dilation 2, stride 1") << 1 << 3 << 5 << 3 << 1 << 2 << true << 8;
    QTest::newRow("3x3 stride 2, 12-bit codes") << 1 << 4 << 5 << 3 << 2 << 1 << true << 12;
    QTest::newRow("3x3, 16-bit codes (int64 GEMM)") << 1 << 2 << 3 << 3 << 1 << 1 << true << 16;
    QTest::newRow("depthwise 16-bit codes") << 3 << 3 << 3 << 3 << 1 << 1 << true << 16;
}

void TestQuantGemm::randomConvMatchesNaive()
{
    QFETCH(int, group);
    QFETCH(int, inChannels);
    QFETCH(int, outChannels);
    QFETCH(int, kernel);
    QFETCH(int, stride);
    QFETCH(int, dilation);
    QFETCH(bool, perChannel);
    QFETCH(int, bits);
    Rng rng(group * 100 + inChannels + bits);
    ConvParams p;
    p.batch = 2;
    p.inChannels = inChannels;
    p.inHeight = 9;
    p.inWidth = 8;
    p.outChannels = outChannels;
    p.kernelHeight = kernel ? kernel : 3; // 0: the 3×2 kernel
    p.kernelWidth = kernel ? kernel : 2;
    p.strideHeight = stride;
    p.strideWidth = stride;
    p.dilationHeight = dilation;
    p.dilationWidth = dilation;
    p.padTop = 1;
    p.padLeft = kernel == 1 ? 0 : 2;
    p.padBottom = 0;
    p.padRight = kernel == 1 ? 0 : 1;
    p.group = group;
    const int32_t qmax = (1 << bits) - 1;           // unsigned activations
    const int32_t wmax = (1 << (bits - 1)) - 1;     // signed weights
    p.inputZeroPoint = qmax / 2 - 9;
    p.weightZeroPoint = perChannel ? randomCodes(rng, outChannels, -10, 10) : std::vector<int32_t>{3};
    const int64_t taps = p.kernelHeight * p.kernelWidth;
    const auto x = randomCodes(rng, size_t(p.batch * inChannels * 9 * 8), 0, qmax);
    const auto w = randomCodes(rng, size_t(outChannels * (inChannels / group) * taps), -wmax - 1, wmax);
    const auto bias = randomCodes(rng, outChannels, -5000, 5000);
    p.bias = bias.data();
    std::vector<int64_t> acc(size_t(p.batch * outChannels * p.outHeight() * p.outWidth()));
    AccumulatorStats stats;
    intConv(p, x.data(), w.data(), acc.data(), &stats);
    const std::vector<int64_t> expected = naiveConv(p, x, w);
    QCOMPARE(acc, expected);
    QCOMPARE(stats.count, int64_t(acc.size()));
    const auto outside = std::count_if(expected.begin(), expected.end(), [](int64_t v) {
        return v != static_cast<int32_t>(v);
    });
    QCOMPARE(stats.overflows, int64_t(outside)); // 16-bit products do leave int32
    QCOMPARE(stats.int64Used, bits == 16);
}

void TestQuantGemm::requantizeFloatAndFixed()
{
    // Two channels, M = [0.5, 0.25], Z_y = 10, uint8 range.
    const std::vector<int64_t> acc{5, 7, -5, 1000, 2000, -3};
    RequantParams p;
    p.setMultipliers({0.5, 0.25});
    p.outputZeroPoint = 10;
    p.activationMin = 0;
    p.activationMax = 255;
    std::vector<int32_t> out(6);
    ClipStats clip;
    requantize(p, acc.data(), 3, 2, 1, out.data(), &clip);
    // 2.5 → 2 (half even), 1.75 → 2, −2.5 → −2, 250 → 260 clamps to 255, 1000 → 255, −0.75 → −1
    QCOMPARE(out, (std::vector<int32_t>{12, 12, 8, 255, 255, 9}));
    QCOMPARE(clip.clippedHigh, int64_t(2));
    p.mode = RequantMode::FixedPoint;
    p.rounding = RoundingMode::HalfAway;
    requantize(p, acc.data(), 3, 2, 1, out.data());
    // gemmlowp: 2.5 → 3, −2.5 → −2 (high-mul ties up)
    QCOMPARE(out, (std::vector<int32_t>{13, 12, 8, 255, 255, 9}));
    p.rounding = RoundingMode::TowardZero;
    requantize(p, acc.data(), 3, 2, 1, out.data());
    QCOMPARE(out, (std::vector<int32_t>{12, 11, 8, 255, 255, 10}));
    // Per-tensor multiplier applies to every channel.
    RequantParams single;
    single.setMultipliers({0.5});
    single.activationMin = -128;
    single.activationMax = 127;
    requantize(single, acc.data(), 3, 2, 1, out.data());
    QCOMPARE(out, (std::vector<int32_t>{2, 4, -2, 127, 127, -2}));
    RequantParams wrong;
    wrong.setMultipliers({0.5, 0.5, 0.5});
    QVERIFY_THROWS_EXCEPTION(std::exception, requantize(wrong, acc.data(), 3, 2, 1, out.data()));
}

void TestQuantGemm::requantizeFusedRelu()
{
    // ReLU fused: activation_min = Z_y.
    const std::vector<int64_t> acc{-100, -1, 0, 50};
    RequantParams p;
    p.setMultipliers({1.0});
    p.outputZeroPoint = -20;
    p.activationMin = -20;
    p.activationMax = 127;
    std::vector<int32_t> out(4);
    requantize(p, acc.data(), 4, 1, 1, out.data());
    QCOMPARE(out, (std::vector<int32_t>{-20, -20, -20, 30}));
}

void TestQuantGemm::productMultiplierAsOnnxRuntime()
{
    // Scales (float32, exact hex) for which the two float32 forms of M = S_x·S_w / S_y differ
    // by one ulp: ONNX Runtime's (S_x·S_w rounded, then / S_y) is 0x1.e213bp-7, the double
    // quotient rounded once is 0x1.e213b2p-7. With acc = 54480 the products are 801.49994 and
    // exactly 801.5, so the codes are 801 (ORT) and 802 (ties to even): the engine must give 801.
    const float sx = 0x1.54703ep-5f, sw = 0x1.58e546p-6f, sy = 0x1.e71fdap-5f;
    const double exact = double(sx) * double(sw) / double(sy);
    QCOMPARE(floatProductMultiplier(sx, sw, sy), 0x1.e213bp-7f);
    QCOMPARE(static_cast<float>(exact), 0x1.e213b2p-7f);
    const std::vector<int64_t> acc{54480, 0};
    RequantParams p;
    p.setProductMultipliers({exact, exact}, sx, {sw, 2 * sw}, sy);
    p.activationMin = 0;
    p.activationMax = 2000;
    std::vector<int32_t> out(2);
    requantize(p, acc.data(), 1, 2, 1, out.data());
    QCOMPARE(out[0], 801);
    QCOMPARE(p.multiplier[1], floatProductMultiplier(sx, 2 * sw, sy)); // per channel
    // The fixed-point form keeps the exact quotient (as TFLite computes it in double).
    QCOMPARE(p.fixedMultiplier[0].multiplier, quantizeMultiplier(exact).multiplier);
}

QTEST_GUILESS_MAIN(TestQuantGemm)
#include "test_quant_gemm.moc"
