// The inline roundings of core/quant/rounding.h (nearbyintExact, floorExact, truncExact) against
// libm's std::nearbyint / std::floor / std::trunc, bit for bit (the sign of zero included), for
// float and double: every boundary of the add-and-subtract-B argument (B = 2^23 for float, 2^52
// for double) — halves on both sides of even and odd integers, B − ½, B − 1, B, 2B, the values
// one ulp either side of each, subnormals, the largest finite value, ±0, ±inf, NaN — and a
// seeded random sweep over all magnitudes. Also withDeterministicRounding's callables against
// roundToIntegral, which tests/test_quant_params.cpp pins to the spec's golden table.

#include <QtTest/QtTest>

#include <bit>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "core/quant/rounding.h"

using namespace ql;

namespace {

template <typename T>
auto bits(T v)
{
    if constexpr (sizeof(T) == sizeof(double))
        return std::bit_cast<uint64_t>(v);
    else
        return std::bit_cast<uint32_t>(v);
}

// Boundary values for type T, each also negated and nudged one ulp up and down.
template <typename T>
std::vector<T> boundaryValues()
{
    constexpr T big = sizeof(T) == sizeof(double) ? T(0x1p52) : T(0x1p23);
    std::vector<T> base{T(0),
                        T(0.25),
                        T(0.5),
                        T(0.75),
                        T(1),
                        T(1.5),
                        T(2.5),
                        T(3.5),
                        T(127.5),
                        T(128.5),
                        T(32767.5),
                        T(2147483647.5),
                        big / 2 - T(0.5),
                        big / 2,
                        big - T(1.5),
                        big - T(1),
                        big - T(0.5),
                        big,
                        big + T(1),
                        big * 2,
                        big * 4,
                        std::numeric_limits<T>::denorm_min(),
                        std::numeric_limits<T>::min(),
                        std::numeric_limits<T>::max(),
                        std::numeric_limits<T>::infinity()};
    std::vector<T> out;
    for (T v : base)
        for (T s : {v, -v})
            for (T w : {s, std::nextafter(s, std::numeric_limits<T>::infinity()),
                        std::nextafter(s, -std::numeric_limits<T>::infinity())})
                out.push_back(w);
    return out;
}

template <typename T>
void compareWithLibm(const std::vector<T>& values)
{
    for (T x : values) {
        const auto ctx = QByteArray::number(double(x), 'g', 21);
        QVERIFY2(bits(nearbyintExact(x)) == bits(std::nearbyint(x)), ctx.constData());
        QVERIFY2(bits(floorExact(x)) == bits(std::floor(x)), ctx.constData());
        QVERIFY2(bits(truncExact(x)) == bits(std::trunc(x)), ctx.constData());
    }
}

// Random values over every binade from 2^-30 to 2^70 (both signs), plus exact halves.
template <typename T>
std::vector<T> randomValues(uint64_t seed, int count)
{
    std::mt19937_64 gen(seed);
    std::uniform_real_distribution<double> mantissa(1.0, 2.0);
    std::uniform_int_distribution<int> exponent(-30, 70);
    std::vector<T> out;
    for (int i = 0; i < count; ++i) {
        const T v = static_cast<T>(std::ldexp(mantissa(gen), exponent(gen)));
        out.push_back(i % 2 ? -v : v);
        out.push_back(std::floor(v) + T(0.5)); // a tie (exact while |v| < B)
    }
    return out;
}

} // namespace

class TestRounding : public QObject
{
    Q_OBJECT

private slots:
    void boundariesEqualLibm()
    {
        compareWithLibm(boundaryValues<float>());
        compareWithLibm(boundaryValues<double>());
    }

    void randomEqualLibm()
    {
        compareWithLibm(randomValues<float>(13, 200000));
        compareWithLibm(randomValues<double>(14, 200000));
    }

    void nanStaysNan()
    {
        for (double x : {std::numeric_limits<double>::quiet_NaN(),
                         -std::numeric_limits<double>::quiet_NaN()}) {
            QVERIFY(std::isnan(nearbyintExact(x)) && std::isnan(floorExact(x)) &&
                    std::isnan(truncExact(x)));
            const auto f = static_cast<float>(x);
            QVERIFY(std::isnan(nearbyintExact(f)) && std::isnan(floorExact(f)) &&
                    std::isnan(truncExact(f)));
        }
    }

    void hoistedRoundingEqualsRoundToIntegral()
    {
        // The callables the vectorised loops use, for every deterministic mode, on doubles
        // (finite: roundToIntegral's contract) and on floats widened exactly to double.
        std::vector<double> values = boundaryValues<double>();
        for (float f : boundaryValues<float>())
            values.push_back(f);
        for (double v : randomValues<double>(15, 20000))
            values.push_back(v);
        for (RoundingMode mode : {RoundingMode::HalfEven, RoundingMode::HalfAway,
                                  RoundingMode::TowardZero, RoundingMode::Floor}) {
            const bool ran = withDeterministicRounding(mode, [&](auto round) {
                for (double x : values) {
                    const auto ctx = QByteArray(roundingModeName(mode)) + " " +
                                     QByteArray::number(x, 'g', 21);
                    QVERIFY2(bits(round(x)) == bits(roundToIntegral(x, mode)), ctx.constData());
                    const auto f = static_cast<float>(x);
                    QVERIFY2(double(round(f)) == roundToIntegral(double(f), mode),
                             ctx.constData());
                }
            });
            QVERIFY(ran);
        }
        QVERIFY(!withDeterministicRounding(RoundingMode::Stochastic, [](auto) {}));
    }
};

QTEST_GUILESS_MAIN(TestRounding)
#include "test_rounding.moc"
