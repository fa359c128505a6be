// Scale / zero point choice (spec §1), the rounding modes on ties, stochastic rounding,
// and the quantize / dequantize helpers with their clip counters.

#include <QtTest/QtTest>

#include <cfloat>
#include <cmath>

#include "core/quant/int_runtime.h"
#include "core/quant/quant_params.h"
#include "core/quant/rounding.h"

using namespace ql;

namespace {

QuantSpec makeSpec(int bits, bool isSigned, QuantSpec::Scheme scheme, bool narrow = false)
{
    QuantSpec s;
    s.bits = bits;
    s.isSigned = isSigned;
    s.scheme = scheme;
    s.narrowRange = narrow;
    return s;
}

} // namespace

class TestQuantParams : public QObject
{
    Q_OBJECT

private slots:
    void codeRanges();
    void affineUnsigned();
    void affineSigned();
    void affineRangeExtendedToZero();
    void symmetric();
    void degenerateRange();
    void perChannel();
    void roundingTies_data();
    void roundingTies();
    void roundingNames();
    void stochasticReproducibleAndUnbiased();
    void towardZeroBias();
    void quantizeDequantizeAndClip();
    void scaleOpMultiplyVersusDivide();
    void biasCodes();
};

void TestQuantParams::codeRanges()
{
    QCOMPARE(makeSpec(8, true, QuantSpec::Scheme::Affine).qmin(), -128);
    QCOMPARE(makeSpec(8, true, QuantSpec::Scheme::Affine).qmax(), 127);
    QCOMPARE(makeSpec(8, true, QuantSpec::Scheme::Affine, true).qmin(), -127);
    QCOMPARE(makeSpec(8, false, QuantSpec::Scheme::Affine).qmin(), 0);
    QCOMPARE(makeSpec(8, false, QuantSpec::Scheme::Affine).qmax(), 255);
    QCOMPARE(makeSpec(4, true, QuantSpec::Scheme::Affine).qmin(), -8);
    QCOMPARE(makeSpec(4, true, QuantSpec::Scheme::Affine).qmax(), 7);
    QCOMPARE(makeSpec(2, true, QuantSpec::Scheme::Affine).qmin(), -2);
    QCOMPARE(makeSpec(16, false, QuantSpec::Scheme::Affine).qmax(), 65535);
    QCOMPARE(makeSpec(16, true, QuantSpec::Scheme::Affine).qmin(), -32768);
    QVERIFY_THROWS_EXCEPTION(std::exception, chooseQuantParams(0, 1, makeSpec(17, true, QuantSpec::Scheme::Affine)));
    QVERIFY_THROWS_EXCEPTION(std::exception, chooseQuantParams(0, 1, makeSpec(1, true, QuantSpec::Scheme::Affine)));
}

void TestQuantParams::affineUnsigned()
{
    const QuantParams p = chooseQuantParams(-1.0f, 3.0f, makeSpec(8, false, QuantSpec::Scheme::Affine));
    QCOMPARE(p.scale.size(), size_t(1));
    QCOMPARE(p.scale[0], 4.0f / 255.0f);
    QCOMPARE(p.zeroPoint[0], 64); // 0 − round(−1 / (4/255)) = round(63.75)
    QCOMPARE(p.qmin, 0);
    QCOMPARE(p.qmax, 255);
    // Zero is exactly representable.
    QCOMPARE(dequantize({p.zeroPoint[0]}, p)[0], 0.0f);
}

void TestQuantParams::affineSigned()
{
    const QuantParams p = chooseQuantParams(-1.0f, 3.0f, makeSpec(8, true, QuantSpec::Scheme::Affine));
    QCOMPARE(p.scale[0], 4.0f / 255.0f);
    QCOMPARE(p.zeroPoint[0], -64);
    const QuantParams p4 = chooseQuantParams(-1.0f, 3.0f, makeSpec(4, true, QuantSpec::Scheme::Affine));
    QCOMPARE(p4.scale[0], 4.0f / 15.0f);
    QCOMPARE(p4.zeroPoint[0], -8 + 4); // −8 − round(−3.75)
}

void TestQuantParams::affineRangeExtendedToZero()
{
    const QuantParams p = chooseQuantParams(2.0f, 5.0f, makeSpec(8, false, QuantSpec::Scheme::Affine));
    QCOMPARE(p.scale[0], 5.0f / 255.0f);
    QCOMPARE(p.zeroPoint[0], 0);
    const QuantParams n = chooseQuantParams(-5.0f, -2.0f, makeSpec(8, false, QuantSpec::Scheme::Affine));
    QCOMPARE(n.scale[0], 5.0f / 255.0f);
    QCOMPARE(n.zeroPoint[0], 255);
}

void TestQuantParams::symmetric()
{
    const QuantParams p = chooseQuantParams(-2.0f, 1.0f, makeSpec(8, true, QuantSpec::Scheme::Symmetric));
    QCOMPARE(p.scale[0], 2.0f / 127.5f); // PyTorch: (qmax − qmin) / 2
    QCOMPARE(p.zeroPoint[0], 0);
    QuantSpec tfl = makeSpec(8, true, QuantSpec::Scheme::Symmetric);
    tfl.divisor = QuantSpec::SymmetricDivisor::TFLite;
    QCOMPARE(chooseQuantParams(-2.0f, 1.0f, tfl).scale[0], 2.0f / 127.0f);
    const QuantParams narrow =
        chooseQuantParams(-2.0f, 1.0f, makeSpec(8, true, QuantSpec::Scheme::Symmetric, true));
    QCOMPARE(narrow.scale[0], 2.0f / 127.0f);
    QCOMPARE(narrow.qmin, -127);
    const QuantParams u = chooseQuantParams(-2.0f, 1.0f, makeSpec(8, false, QuantSpec::Scheme::Symmetric));
    QCOMPARE(u.zeroPoint[0], 128);
    QCOMPARE(u.scale[0], 2.0f / 127.5f);
}

void TestQuantParams::degenerateRange()
{
    const QuantParams z = chooseQuantParams(0.0f, 0.0f, makeSpec(8, false, QuantSpec::Scheme::Affine));
    QCOMPARE(z.scale[0], FLT_EPSILON);
    QCOMPARE(z.zeroPoint[0], 0);
    const QuantParams s = chooseQuantParams(0.0f, 0.0f, makeSpec(8, true, QuantSpec::Scheme::Symmetric));
    QCOMPARE(s.scale[0], FLT_EPSILON);
    QCOMPARE(s.zeroPoint[0], 0);
    const QuantParams zs = chooseQuantParams(0.0f, 0.0f, makeSpec(8, true, QuantSpec::Scheme::Affine));
    QCOMPARE(zs.zeroPoint[0], -128);
    // An all-zero tensor quantizes to Z and back to 0 without NaN.
    const std::vector<float> r = dequantize(quantize({0.0f, 0.0f}, z), z);
    QCOMPARE(r[0], 0.0f);
}

void TestQuantParams::perChannel()
{
    const QuantParams p = chooseQuantParamsPerChannel({-1.0f, -4.0f}, {2.0f, 1.0f},
                                                      makeSpec(8, true, QuantSpec::Scheme::Symmetric));
    QCOMPARE(p.channels(), int64_t(2));
    QCOMPARE(p.axis, 0);
    QCOMPARE(p.scale[0], 2.0f / 127.5f);
    QCOMPARE(p.scale[1], 4.0f / 127.5f);
    // [2 channels, 3 values]: each row uses its own scale.
    const std::vector<float> w{2.0f, -1.0f, 0.0f, 4.0f, -3.9f, 1.0f};
    const std::vector<int32_t> q = quantize(w, p, 3);
    const std::vector<int32_t> expected{127, -64, 0, 127, -124, 32};
    QCOMPARE(q, expected);
}

void TestQuantParams::roundingTies_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<int>("halfEven");
    QTest::addColumn<int>("halfAway");
    QTest::addColumn<int>("towardZero");
    QTest::addColumn<int>("floor");
    QTest::newRow("2.5") << 2.5 << 2 << 3 << 2 << 2;
    QTest::newRow("-2.5") << -2.5 << -2 << -3 << -2 << -3;
    QTest::newRow("0.5") << 0.5 << 0 << 1 << 0 << 0;
    QTest::newRow("-0.5") << -0.5 << 0 << -1 << 0 << -1;
    QTest::newRow("1.5") << 1.5 << 2 << 2 << 1 << 1;
    QTest::newRow("-1.5") << -1.5 << -2 << -2 << -1 << -2;
    QTest::newRow("2.7") << 2.7 << 3 << 3 << 2 << 2;
    QTest::newRow("-2.7") << -2.7 << -3 << -3 << -2 << -3;
}

void TestQuantParams::roundingTies()
{
    QFETCH(double, x);
    QFETCH(int, halfEven);
    QFETCH(int, halfAway);
    QFETCH(int, towardZero);
    QFETCH(int, floor);
    QCOMPARE(roundToInt(x, RoundingMode::HalfEven), int64_t(halfEven));
    QCOMPARE(roundToInt(x, RoundingMode::HalfAway), int64_t(halfAway));
    QCOMPARE(roundToInt(x, RoundingMode::TowardZero), int64_t(towardZero));
    QCOMPARE(roundToInt(x, RoundingMode::Floor), int64_t(floor));
    Rng rng(1);
    const int64_t s = roundToInt(x, RoundingMode::Stochastic, &rng);
    QVERIFY(s == int64_t(std::floor(x)) || s == int64_t(std::floor(x)) + 1);
}

void TestQuantParams::roundingNames()
{
    for (RoundingMode m : {RoundingMode::HalfEven, RoundingMode::HalfAway, RoundingMode::TowardZero,
                           RoundingMode::Floor, RoundingMode::Stochastic}) {
        RoundingMode back = RoundingMode::HalfEven;
        QVERIFY(parseRoundingMode(roundingModeName(m), &back));
        QCOMPARE(back, m);
    }
    RoundingMode untouched = RoundingMode::Floor;
    QVERIFY(!parseRoundingMode("nearest", &untouched));
    QCOMPARE(untouched, RoundingMode::Floor);
    QCOMPARE(QString(roundingModeName(RoundingMode::TowardZero)), QString("toward_zero"));
}

void TestQuantParams::stochasticReproducibleAndUnbiased()
{
    Rng values(99);
    std::vector<double> xs(100000);
    for (double& x : xs)
        x = values.uniform() * 200.0 - 100.0;
    Rng a(42), b(42), c(43);
    double err = 0.0;
    int differ = 0;
    for (double x : xs) {
        const int64_t ra = roundToInt(x, RoundingMode::Stochastic, &a);
        const int64_t rb = roundToInt(x, RoundingMode::Stochastic, &b);
        const int64_t rc = roundToInt(x, RoundingMode::Stochastic, &c);
        QCOMPARE(ra, rb); // same seed, same sequence
        differ += ra != rc;
        err += double(ra) - x;
    }
    QVERIFY(differ > 1000); // another seed gives another sequence
    QVERIFY(std::fabs(err / double(xs.size())) < 0.01);
    // Integers are never moved.
    Rng d(3);
    for (int i = -5; i <= 5; ++i)
        QCOMPARE(roundToInt(double(i), RoundingMode::Stochastic, &d), int64_t(i));
}

void TestQuantParams::towardZeroBias()
{
    Rng values(11);
    double trunc = 0.0, even = 0.0, floor_err = 0.0;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        const double x = values.uniform() * 100.0;
        trunc += double(roundToInt(x, RoundingMode::TowardZero)) - x;
        even += double(roundToInt(x, RoundingMode::HalfEven)) - x;
        floor_err += double(roundToInt(-x, RoundingMode::Floor)) + x;
    }
    QVERIFY(std::fabs(trunc / n + 0.5) < 0.01);     // ≈ −0.5 LSB on positives
    QVERIFY(std::fabs(even / n) < 0.01);
    QVERIFY(std::fabs(floor_err / n + 0.5) < 0.01); // floor: −0.5 LSB on negatives too
}

void TestQuantParams::quantizeDequantizeAndClip()
{
    const QuantParams p = chooseQuantParams(-1.0f, 1.0f, makeSpec(8, false, QuantSpec::Scheme::Affine));
    ClipStats clip;
    const std::vector<float> r{-3.0f, -1.0f, 0.0f, 0.5f, 1.0f, 2.0f, std::nanf("")};
    const std::vector<int32_t> q = quantize(r, p, 1, {}, &clip);
    QCOMPARE(clip.total, int64_t(7));
    QCOMPARE(clip.clippedLow, int64_t(1));
    QCOMPARE(clip.clippedHigh, int64_t(1));
    QCOMPARE(q[0], 0);
    QCOMPARE(q[5], 255);
    QCOMPARE(q[2], p.zeroPoint[0]);
    QCOMPARE(q[6], p.zeroPoint[0]);
    const std::vector<float> back = dequantize(q, p);
    for (size_t i = 1; i < 5; ++i)
        QVERIFY(std::fabs(back[i] - r[i]) <= p.scale[0] / 2 + 1e-7f);
    QCOMPARE(back[2], 0.0f);

    // Far beyond the range (|r/S| ≥ 2^63, ±inf) the code still saturates on its own side with
    // any Z and rounding (R(r/S) + Z used to wrap in int64 there: +inf gave qmin).
    for (RoundingMode mode :
         {RoundingMode::HalfEven, RoundingMode::Floor, RoundingMode::Stochastic}) {
        QuantizeOptions opts;
        opts.rounding = mode;
        Rng rng(7);
        opts.rng = &rng;
        const std::vector<float> far{FLT_MAX, 1e30f, INFINITY, -FLT_MAX, -1e30f, -INFINITY};
        const std::vector<int32_t> codes = quantize(far, p, 1, opts);
        QCOMPARE(codes, (std::vector<int32_t>{255, 255, 255, 0, 0, 0}));
    }
    // The same bound in a fused clamp: Clip(0, FLT_MAX) leaves the top code open.
    FusedActivation clipToMax;
    clipToMax.kind = FusedActivation::Kind::Clip;
    clipToMax.hi = FLT_MAX;
    int32_t lo = 0, hi = 0;
    activationLimits(clipToMax, p, RoundingMode::HalfEven, &lo, &hi);
    QCOMPARE(lo, p.zeroPoint[0]);
    QCOMPARE(hi, 255);
}

void TestQuantParams::scaleOpMultiplyVersusDivide()
{
    // r / S and r · (1/S) are different float32 numbers for some (r, S); PyTorch forms the
    // latter. Both stay within one code of each other.
    QuantParams p;
    p.scale = {0.1f};
    p.zeroPoint = {0};
    p.qmin = -1000;
    p.qmax = 1000;
    QuantizeOptions mul, div;
    div.scaleOp = ScaleOp::Divide;
    int differ = 0;
    for (int i = -900; i <= 900; ++i) {
        const float r = float(i) * 0.05f;
        const int32_t a = quantize({r}, p, 1, mul)[0];
        const int32_t b = quantize({r}, p, 1, div)[0];
        QVERIFY(std::abs(a - b) <= 1);
        differ += a != b;
    }
    QVERIFY(differ < 100);
}

void TestQuantParams::biasCodes()
{
    // S_x = 0.5, S_w = [0.25, 0.1]: b_q = R(B / (S_x·S_w[o])).
    ClipStats clip;
    const std::vector<int32_t> q =
        quantizeBias({1.0f, -0.0625f, 3e9f}, 0.5f, {0.25f}, RoundingMode::HalfEven, nullptr, &clip);
    QCOMPARE(q[0], 8);
    QCOMPARE(q[1], 0); // −0.5 → 0 (half even)
    QCOMPARE(q[2], std::numeric_limits<int32_t>::max());
    QCOMPARE(clip.clippedHigh, int64_t(1));
    const std::vector<int32_t> per_channel = quantizeBias({1.0f, 1.0f}, 0.5f, {0.25f, 0.125f});
    QCOMPARE(per_channel, (std::vector<int32_t>{8, 16}));
    QCOMPARE(quantizeBias({-0.0625f}, 0.5f, {0.25f}, RoundingMode::HalfAway)[0], -1);
}

QTEST_GUILESS_MAIN(TestQuantParams)
#include "test_quant_params.moc"
