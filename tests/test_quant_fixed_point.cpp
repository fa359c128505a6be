// Fixed-point requantization: golden values at the boundaries of the multiplier split, the
// gemmlowp primitives, the per-mode RoundingDivideByPOT, and agreement with the float path.

#include <QtTest/QtTest>

#include <cmath>
#include <limits>

#include "core/quant/fixed_point.h"

using namespace ql;

class TestQuantFixedPoint : public QObject
{
    Q_OBJECT

private slots:
    void quantizeMultiplierGolden_data();
    void quantizeMultiplierGolden();
    void quantizeMultiplierRejectsBadValues();
    void highMul();
    void roundingDivideByPOTGemmlowp();
    void roundingDivideByPOTModes_data();
    void roundingDivideByPOTModes();
    void multiplyByQuantizedMultiplierGolden();
    void fixedVersusFloatRandom();
    void truncationDriftsInIntegerMode();
};

void TestQuantFixedPoint::quantizeMultiplierGolden_data()
{
    QTest::addColumn<double>("M");
    QTest::addColumn<int>("multiplier");
    QTest::addColumn<int>("shift");
    const int half = 1 << 30;
    QTest::newRow("0.5") << 0.5 << half << 0;
    QTest::newRow("just above 0.5") << 0.5 + std::ldexp(1.0, -31) << half + 1 << 0;
    QTest::newRow("0.75") << 0.75 << 1610612736 << 0;
    QTest::newRow("1/3") << 1.0 / 3.0 << 1431655765 << -1;
    QTest::newRow("1") << 1.0 << half << 1;
    QTest::newRow("just below 1 renormalises") << 1.0 - std::ldexp(1.0, -40) << half << 1;
    QTest::newRow("2") << 2.0 << half << 2;
    QTest::newRow("3") << 3.0 << 1610612736 << 2;
    QTest::newRow("2^-20") << std::ldexp(1.0, -20) << half << -19;
    QTest::newRow("2^-40 (right shift > 31)") << std::ldexp(1.0, -40) << half << -39;
    QTest::newRow("0") << 0.0 << 0 << 0;
    QTest::newRow("2^-100 flushes to 0") << std::ldexp(1.0, -100) << 0 << 0;
}

void TestQuantFixedPoint::quantizeMultiplierGolden()
{
    QFETCH(double, M);
    QFETCH(int, multiplier);
    QFETCH(int, shift);
    const QuantizedMultiplier qm = quantizeMultiplier(M);
    QCOMPARE(qm.multiplier, multiplier);
    QCOMPARE(qm.shift, shift);
    if (multiplier != 0) {
        QVERIFY(qm.multiplier >= (1 << 30));
        QVERIFY(std::fabs(qm.value() - M) <= M * std::ldexp(1.0, -30));
    }
}

void TestQuantFixedPoint::quantizeMultiplierRejectsBadValues()
{
    QVERIFY_THROWS_EXCEPTION(std::exception, quantizeMultiplier(-0.5));
    QVERIFY_THROWS_EXCEPTION(std::exception, quantizeMultiplier(std::nan("")));
    QVERIFY_THROWS_EXCEPTION(std::exception, quantizeMultiplier(std::ldexp(1.0, 31)));
}

void TestQuantFixedPoint::highMul()
{
    const int32_t min32 = std::numeric_limits<int32_t>::min();
    const int32_t max32 = std::numeric_limits<int32_t>::max();
    QCOMPARE(saturatingRoundingDoublingHighMul(min32, min32), max32); // the saturation case
    QCOMPARE(saturatingRoundingDoublingHighMul(1 << 30, 1 << 30), 1 << 29);
    QCOMPARE(saturatingRoundingDoublingHighMul(1, 1 << 30), 1);   // 0.5 → 1
    QCOMPARE(saturatingRoundingDoublingHighMul(-1, 1 << 30), 0);  // −0.5 → 0 (ties up)
    QCOMPARE(saturatingRoundingDoublingHighMul(-3, 1 << 30), -1); // −1.5 → −1
    QCOMPARE(saturatingRoundingDoublingHighMul(max32, max32), max32 - 1);
    QCOMPARE(saturatingRoundingDoublingHighMul(min32, max32), -max32);
}

void TestQuantFixedPoint::roundingDivideByPOTGemmlowp()
{
    QCOMPARE(roundingDivideByPOT(5, 1), 3);   // 2.5 → 3
    QCOMPARE(roundingDivideByPOT(-5, 1), -3); // −2.5 → −3 (away from zero)
    QCOMPARE(roundingDivideByPOT(-3, 1), -2); // −1.5 → −2
    QCOMPARE(roundingDivideByPOT(-6, 2), -2); // −1.5 → −2
    QCOMPARE(roundingDivideByPOT(-2, 2), -1); // −0.5 → −1
    QCOMPARE(roundingDivideByPOT(-1, 2), 0);  // −0.25 → 0
    QCOMPARE(roundingDivideByPOT(7, 0), 7);
    QCOMPARE(roundingDivideByPOT(std::numeric_limits<int32_t>::min(), 31), -1);
    // The per-mode 128-bit version agrees with gemmlowp for half_away.
    for (int32_t x = -40; x <= 40; ++x)
        for (int e = 0; e < 5; ++e)
            QCOMPARE(int64_t(roundingDivideByPOT(Int128(x), e, RoundingMode::HalfAway)),
                     int64_t(roundingDivideByPOT(x, e)));
}

void TestQuantFixedPoint::roundingDivideByPOTModes_data()
{
    QTest::addColumn<int>("x");
    QTest::addColumn<int>("exponent");
    QTest::addColumn<int>("halfEven");
    QTest::addColumn<int>("halfAway");
    QTest::addColumn<int>("towardZero");
    QTest::addColumn<int>("floor");
    QTest::newRow("2.5") << 5 << 1 << 2 << 3 << 2 << 2;
    QTest::newRow("-2.5") << -5 << 1 << -2 << -3 << -2 << -3;
    QTest::newRow("1.5") << 3 << 1 << 2 << 2 << 1 << 1;
    QTest::newRow("-1.5") << -3 << 1 << -2 << -2 << -1 << -2;
    QTest::newRow("0.5") << 1 << 1 << 0 << 1 << 0 << 0;
    QTest::newRow("-0.5") << -1 << 1 << 0 << -1 << 0 << -1;
    QTest::newRow("-0.75") << -3 << 2 << -1 << -1 << 0 << -1;
    QTest::newRow("2.25") << 9 << 2 << 2 << 2 << 2 << 2;
}

void TestQuantFixedPoint::roundingDivideByPOTModes()
{
    QFETCH(int, x);
    QFETCH(int, exponent);
    QFETCH(int, halfEven);
    QFETCH(int, halfAway);
    QFETCH(int, towardZero);
    QFETCH(int, floor);
    QCOMPARE(int(roundingDivideByPOT(Int128(x), exponent, RoundingMode::HalfEven)), halfEven);
    QCOMPARE(int(roundingDivideByPOT(Int128(x), exponent, RoundingMode::HalfAway)), halfAway);
    QCOMPARE(int(roundingDivideByPOT(Int128(x), exponent, RoundingMode::TowardZero)), towardZero);
    QCOMPARE(int(roundingDivideByPOT(Int128(x), exponent, RoundingMode::Floor)), floor);
    Rng rng(7);
    const int s = int(roundingDivideByPOT(Int128(x), exponent, RoundingMode::Stochastic, &rng));
    QVERIFY(s == floor || s == floor + 1);
}

void TestQuantFixedPoint::multiplyByQuantizedMultiplierGolden()
{
    // acc · 0.5 on a tie: 5 · 0.5 = 2.5.
    const QuantizedMultiplier half = quantizeMultiplier(0.5);
    QCOMPARE(multiplyByQuantizedMultiplier(5, half, RoundingMode::HalfAway), int64_t(3));
    QCOMPARE(multiplyByQuantizedMultiplier(-5, half, RoundingMode::HalfAway), int64_t(-2)); // high-mul ties up
    QCOMPARE(multiplyByQuantizedMultiplier(5, half, RoundingMode::HalfEven), int64_t(2));
    QCOMPARE(multiplyByQuantizedMultiplier(-5, half, RoundingMode::HalfEven), int64_t(-2));
    QCOMPARE(multiplyByQuantizedMultiplier(5, half, RoundingMode::TowardZero), int64_t(2));
    QCOMPARE(multiplyByQuantizedMultiplier(-5, half, RoundingMode::Floor), int64_t(-3));
    // M ≥ 1 shifts left.
    QCOMPARE(multiplyByQuantizedMultiplier(100, quantizeMultiplier(3.0)), int64_t(300));
    // M = 2^−20 with a large int64 accumulator.
    const QuantizedMultiplier tiny = quantizeMultiplier(std::ldexp(1.0, -20));
    QCOMPARE(multiplyByQuantizedMultiplier(int64_t(3) << 40, tiny, RoundingMode::HalfEven),
             int64_t(3) << 20);
    QCOMPARE(multiplyByQuantizedMultiplier(1 << 19, tiny, RoundingMode::HalfAway), int64_t(1));
    QCOMPARE(multiplyByQuantizedMultiplier(12345, quantizeMultiplier(0.0)), int64_t(0));
    // Right shift beyond 31 (M = 2^−40).
    const QuantizedMultiplier very_tiny = quantizeMultiplier(std::ldexp(1.0, -40));
    QCOMPARE(multiplyByQuantizedMultiplier(int64_t(5) << 40, very_tiny, RoundingMode::HalfAway),
             int64_t(5));
}

void TestQuantFixedPoint::fixedVersusFloatRandom()
{
    // 100k seeded (acc, M) pairs, |acc| < 2^20, M ∈ [2^−15, 1): the realistic regime, where
    // float32's product is accurate to far below one LSB, so only near-ties can differ.
    Rng rng(2024);
    int64_t exact = 0;
    int64_t exact_even = 0;
    const int n = 100000;
    for (int i = 0; i < n; ++i) {
        const int64_t acc = int64_t(rng.next() % (1u << 21)) - (1 << 20);
        const double M = std::ldexp(1.0 + rng.uniform(), -1 - int(rng.next() % 15));
        const float m_f32 = static_cast<float>(M);
        const int64_t by_float = multiplyByFloatMultiplier(acc, m_f32, RoundingMode::HalfEven);
        const QuantizedMultiplier qm = quantizeMultiplier(m_f32);
        const int64_t by_fixed = multiplyByQuantizedMultiplier(acc, qm, RoundingMode::HalfAway);
        const int64_t by_fixed_even = multiplyByQuantizedMultiplier(acc, qm, RoundingMode::HalfEven);
        QVERIFY2(std::llabs(by_float - by_fixed) <= 1, qPrintable(QString("acc %1 M %2").arg(acc).arg(M)));
        QVERIFY(std::llabs(by_float - by_fixed_even) <= 1);
        exact += by_float == by_fixed;
        exact_even += by_float == by_fixed_even;
    }
    qInfo("fixed-point (half_away, gemmlowp) == float (half_even): %.4f %% of %d; "
          "fixed-point half_even == float: %.4f %%",
          100.0 * double(exact) / n, n, 100.0 * double(exact_even) / n);
    // gemmlowp's two roundings (inside the high mul, then in RoundingDivideByPOT) double-round
    // when the right shift is small: e.g. M = 0.3, acc·M = 2.3 → round(4.6) = 5 → 5/2 = 2.5 →
    // 3. That costs a few percent of exact agreement; single rounding (half_even) only differs
    // where float32's own product rounding moves a value across a tie.
    QVERIFY(double(exact) / n > 0.95);
    QVERIFY(double(exact_even) / n > 0.995);
}

void TestQuantFixedPoint::truncationDriftsInIntegerMode()
{
    // Mean error of toward_zero requantization is about −0.5 LSB on positive accumulators,
    // half_even's about 0.
    Rng rng(5);
    const QuantizedMultiplier qm = quantizeMultiplier(0.0123);
    double trunc_err = 0.0, even_err = 0.0;
    const int n = 20000;
    for (int i = 0; i < n; ++i) {
        const int64_t acc = int64_t(rng.next() % 1000000);
        const double exact = double(acc) * qm.value();
        trunc_err += double(multiplyByQuantizedMultiplier(acc, qm, RoundingMode::TowardZero)) - exact;
        even_err += double(multiplyByQuantizedMultiplier(acc, qm, RoundingMode::HalfEven)) - exact;
    }
    QVERIFY(std::fabs(trunc_err / n + 0.5) < 0.02);
    QVERIFY(std::fabs(even_err / n) < 0.02);
}

QTEST_GUILESS_MAIN(TestQuantFixedPoint)
#include "test_quant_fixed_point.moc"
