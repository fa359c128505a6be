// One source for the requantization arithmetic (core/quant/fixed_point.h, spec §3):
//   * half_away in fixed-point mode is ONE definition — gemmlowp's two roundings — whatever the
//     accumulator width: golden values where the two roundings differ from one, inside and
//     outside int32, and a seeded comparison with a reference written here from the definition
//     (quotient/remainder against one half, no shift tricks) over int32 and int64 accumulators;
//   * inside gemmlowp's domain the inline path equals TFLite's MultiplyByQuantizedMultiplier,
//     written out here as TFLite writes it;
//   * requantize() (the engine's vectorised loops) equals, element by element, the scalar
//     functions the walk-through (explain.cpp) uses: multiplyByQuantizedMultiplier /
//     multiplyByFloatMultiplier, then requantizedCodeUnclamped and the clamp — for every
//     deterministic rounding mode, both requantization modes, seeded random accumulators and
//     per-channel multipliers.
// All comparisons are exact: this is integer arithmetic (and the float path's float32 product is
// formed the same way on both sides).

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>

#include "core/quant/fixed_point.h"
#include "core/quant/int_gemm.h"

using namespace ql;

namespace {

// The definition, spelled out: h = (acc·2^left·multiplier) / 2^31 to nearest, ties toward +inf;
// y = h / 2^right to nearest, ties away from zero. Quotient and remainder by C++ division of
// magnitudes, compared with one half explicitly.
int64_t halfAwayByDefinition(int64_t acc, QuantizedMultiplier qm)
{
    if (qm.multiplier == 0)
        return 0;
    const int left = std::max(qm.shift, 0), right = std::max(-qm.shift, 0);
    const Int128 p = Int128(acc) * qm.multiplier * (Int128(1) << left);
    const Int128 d1 = Int128(1) << 31;
    const Int128 mag1 = p < 0 ? -p : p;
    Int128 q1 = mag1 / d1;
    const Int128 r1 = mag1 % d1;
    // ties toward +inf: a positive tie rounds up in magnitude, a negative one down
    if (r1 * 2 > d1 || (r1 * 2 == d1 && p > 0))
        ++q1;
    const Int128 h = p < 0 ? -q1 : q1;
    const Int128 d2 = Int128(1) << right;
    const Int128 mag2 = h < 0 ? -h : h;
    Int128 q2 = mag2 / d2;
    if ((mag2 % d2) * 2 >= d2 && right > 0)
        ++q2; // ties away from zero
    const Int128 y = h < 0 ? -q2 : q2;
    return y > INT64_MAX ? INT64_MAX : y < INT64_MIN ? INT64_MIN : static_cast<int64_t>(y);
}

// TFLite's reference (quantization_util / common.h), for acc·2^left within int32.
int32_t tfliteMultiplyByQuantizedMultiplier(int32_t x, int32_t quantized_multiplier, int shift)
{
    const int left_shift = shift > 0 ? shift : 0;
    const int right_shift = shift > 0 ? 0 : -shift;
    const int64_t ab = int64_t(x * (1 << left_shift)) * quantized_multiplier;
    const int64_t nudge = ab >= 0 ? (1 << 30) : (1 - (1 << 30));
    const auto high = static_cast<int32_t>((ab + nudge) / (int64_t(1) << 31));
    // TFLite's RoundingDivideByPOT, in int64 so that right_shift = 31 does not overflow the mask.
    const int64_t mask = (int64_t(1) << right_shift) - 1;
    const int64_t remainder = high & mask;
    const int64_t threshold = (mask >> 1) + (high < 0 ? 1 : 0);
    return static_cast<int32_t>((high >> right_shift) + (remainder > threshold ? 1 : 0));
}

} // namespace

class TestQuantArithmetic : public QObject
{
    Q_OBJECT

private slots:
    void halfAwayGoldenAcrossWidths()
    {
        // M = 0.375 = (3·2^29)·2^(−1−31): stage 1 rounds acc·0.75, stage 2 halves it.
        const QuantizedMultiplier m = quantizeMultiplier(0.375);
        QCOMPARE(m.multiplier, int32_t(3) << 29);
        QCOMPARE(m.shift, -1);
        // 9·0.375 = 3.375: round(6.75) = 7, 7/2 = 3.5 → 4 (one rounding would give 3).
        QCOMPARE(multiplyByQuantizedMultiplier(9, m, RoundingMode::HalfAway), int64_t(4));
        QCOMPARE(multiplyByQuantizedMultiplier(-9, m, RoundingMode::HalfAway), int64_t(-4));
        // The same fraction on an accumulator beyond int32: (2^33 + 1)·0.375 = 3·2^30 + 0.375.
        // The same two roundings give 3·2^30 + 1 (before the fix: one rounding, 3·2^30).
        const int64_t wide = (int64_t(1) << 33) + 1;
        QCOMPARE(multiplyByQuantizedMultiplier(wide, m, RoundingMode::HalfAway),
                 (int64_t(3) << 30) + 1);
        QCOMPARE(multiplyByQuantizedMultiplier(-wide, m, RoundingMode::HalfAway),
                 -((int64_t(3) << 30) + 1));
        // half_even keeps one rounding: 3.375 → 3.
        QCOMPARE(multiplyByQuantizedMultiplier(9, m, RoundingMode::HalfEven), int64_t(3));
        QCOMPARE(multiplyByQuantizedMultiplier(wide, m, RoundingMode::HalfEven), int64_t(3) << 30);
        // Right shift beyond 31 (M = 0.375·2^−40) on an int64 accumulator: stage 1 rounds
        // acc·0.75, then a 41-bit rounding divide. acc = 2^43 + (2^42 − 1)/3 gives
        // acc·0.75 = 3·2^41 + 2^40 − 0.25 → 3·2^41 + 2^40, then 3.5 → 4; acc·M itself is
        // 3.4999999999999 (one rounding: 3). (9·2^40 is exact at stage 1: 3.375 → 3 either way.)
        const QuantizedMultiplier tiny = quantizeMultiplier(std::ldexp(0.375, -40));
        QCOMPARE(tiny.shift, -41);
        const int64_t tie = (int64_t(1) << 43) + ((int64_t(1) << 42) - 1) / 3;
        QCOMPARE(multiplyByQuantizedMultiplier(tie, tiny, RoundingMode::HalfAway), int64_t(4));
        QCOMPARE(multiplyByQuantizedMultiplier(tie, tiny, RoundingMode::HalfEven), int64_t(3));
        QCOMPARE(multiplyByQuantizedMultiplier(int64_t(9) << 40, tiny, RoundingMode::HalfAway),
                 int64_t(3));
        // M ≥ 1 (left shift) with acc·2^left past int32: no 32-bit saturation, the exact value.
        const QuantizedMultiplier three = quantizeMultiplier(3.0);
        QCOMPARE(multiplyByQuantizedMultiplier(int64_t(1) << 30, three, RoundingMode::HalfAway),
                 int64_t(3) << 30);
    }

    void halfAwayMatchesDefinitionAndTflite()
    {
        Rng rng(613);
        int64_t inside_gemmlowp = 0;
        const int n = 200000;
        for (int i = 0; i < n; ++i) {
            // Multipliers from 2^−45 to 2^6; accumulators of 8 to 62 bits, both signs.
            const double M = std::ldexp(1.0 + rng.uniform(), -45 + int(rng.next() % 52));
            const QuantizedMultiplier qm = quantizeMultiplier(M);
            const int bits = 3 + int(rng.next() % 60);
            int64_t acc = int64_t(rng.next() >> (64 - bits));
            if (rng.next() & 1)
                acc = -acc;
            const int64_t got = multiplyByQuantizedMultiplier(acc, qm, RoundingMode::HalfAway);
            QCOMPARE(got, halfAwayByDefinition(acc, qm));
            QCOMPARE(multiplyByQuantizedMultiplierHalfAway(acc, qm), got);
            const int left = std::max(qm.shift, 0);
            const int64_t limit = int64_t(INT32_MAX) >> left;
            if (qm.multiplier != 0 && acc >= -limit && acc <= limit && -qm.shift <= 31) {
                ++inside_gemmlowp;
                QCOMPARE(got, int64_t(tfliteMultiplyByQuantizedMultiplier(int32_t(acc), qm.multiplier,
                                                                          qm.shift)));
            }
        }
        qInfo("%lld of %d cases inside gemmlowp's int32 domain (compared with TFLite too)",
              static_cast<long long>(inside_gemmlowp), n);
        QVERIFY(inside_gemmlowp > n / 10); // both domains are exercised
        QVERIFY(inside_gemmlowp < n - n / 10);
    }

    void requantizeEqualsScalarFunctions_data()
    {
        QTest::addColumn<int>("mode");
        QTest::addColumn<int>("rounding");
        for (RequantMode mode : {RequantMode::Float, RequantMode::FixedPoint})
            for (RoundingMode r : {RoundingMode::HalfEven, RoundingMode::HalfAway,
                                   RoundingMode::TowardZero, RoundingMode::Floor})
                QTest::addRow("%s/%s", requantModeName(mode), roundingModeName(r))
                    << int(mode) << int(r);
    }

    void requantizeEqualsScalarFunctions()
    {
        QFETCH(int, mode);
        QFETCH(int, rounding);
        Rng rng(4242 + uint64_t(mode * 10 + rounding));
        const int64_t outer = 3, channels = 7, inner = 257;
        std::vector<double> M(static_cast<size_t>(channels));
        for (double& m : M)
            m = std::ldexp(1.0 + rng.uniform(), -22 + int(rng.next() % 22));
        RequantParams p;
        p.mode = RequantMode(mode);
        p.rounding = RoundingMode(rounding);
        p.setMultipliers(M);
        p.outputZeroPoint = 37;
        p.activationMin = 0;
        p.activationMax = 255;
        std::vector<int64_t> acc(static_cast<size_t>(outer * channels * inner));
        for (size_t i = 0; i < acc.size(); ++i) {
            // mostly int32 accumulators, every 5th a wide one (int64 accumulation)
            const int bits = i % 5 == 0 ? 40 : 3 + int(rng.next() % 26);
            acc[i] = int64_t(rng.next() >> (64 - bits)) * ((rng.next() & 1) ? -1 : 1);
        }
        std::vector<int32_t> out(acc.size());
        ClipStats clip;
        requantize(p, acc.data(), outer, channels, inner, out.data(), &clip);
        int64_t low = 0, high = 0;
        for (int64_t b = 0; b < outer; ++b)
            for (int64_t c = 0; c < channels; ++c)
                for (int64_t i = 0; i < inner; ++i) {
                    const size_t e = static_cast<size_t>((b * channels + c) * inner + i);
                    const int64_t scaled =
                        p.mode == RequantMode::FixedPoint
                            ? multiplyByQuantizedMultiplier(acc[e], p.fixedMultiplier[size_t(c)], p.rounding)
                            : multiplyByFloatMultiplier(acc[e], p.multiplier[size_t(c)], p.rounding);
                    const int64_t code = requantizedCodeUnclamped(scaled, p.outputZeroPoint,
                                                                  p.activationMin, p.activationMax);
                    low += code < p.activationMin;
                    high += code > p.activationMax;
                    const auto expected =
                        static_cast<int32_t>(std::clamp<int64_t>(code, p.activationMin, p.activationMax));
                    if (out[e] != expected)
                        QFAIL(qPrintable(QStringLiteral("element %1 (acc %2, channel %3): %4, expected %5")
                                             .arg(e).arg(acc[e]).arg(c).arg(out[e]).arg(expected)));
                }
        QCOMPARE(clip.clippedLow, low);
        QCOMPARE(clip.clippedHigh, high);
        QVERIFY(low > 0 && high > 0); // both clamps exercised
    }
};

QTEST_GUILESS_MAIN(TestQuantArithmetic)
#include "test_quant_arithmetic.moc"
