#include "core/quant/fixed_point.h"

#include <cmath>
#include <limits>

#include "core/error.h"

namespace ql {

double QuantizedMultiplier::value() const
{
    return std::ldexp(static_cast<double>(multiplier), shift - 31);
}

QuantizedMultiplier quantizeMultiplier(double M)
{
    if (!(M >= 0.0) || !std::isfinite(M))
        throw Error("requantization multiplier must be a finite value >= 0");
    if (M == 0.0)
        return {0, 0};
    int exponent = 0;
    // M = mantissa · 2^exponent, mantissa ∈ [0.5, 1).
    const double mantissa = std::frexp(M, &exponent);
    // 31-bit integer mantissa, half away from zero (TFLite: TfLiteRound).
    int64_t multiplier = static_cast<int64_t>(std::round(mantissa * 2147483648.0));
    if (multiplier == (int64_t(1) << 31)) {
        // mantissa just below 1 rounded up to 2^31: renormalise so multiplier stays in int32.
        multiplier /= 2;
        ++exponent;
    }
    if (exponent > 31)
        throw Error("requantization multiplier " + std::to_string(M) + " is too large (>= 2^31)");
    if (exponent < -62)
        return {0, 0}; // below 2^−93: acc · M < 0.5 LSB for any int64 acc
    return {static_cast<int32_t>(multiplier), exponent};
}

Int128 roundingDivideByPOT(Int128 x, int exponent, RoundingMode mode, Rng* rng)
{
    if (exponent <= 0)
        return x;
    const Int128 one = 1;
    const Int128 divisor = one << exponent;
    const Int128 floor_q = x >> exponent; // arithmetic shift = floor division
    const Int128 rem = x - floor_q * divisor; // in [0, divisor)
    const Int128 half = divisor >> 1;
    switch (mode) {
    case RoundingMode::Floor:
        return floor_q;
    case RoundingMode::TowardZero:
        return (x < 0 && rem != 0) ? floor_q + 1 : floor_q;
    case RoundingMode::HalfAway:
        if (rem > half || (rem == half && x >= 0))
            return floor_q + 1;
        return floor_q;
    case RoundingMode::HalfEven:
        if (rem > half || (rem == half && (floor_q & 1) != 0))
            return floor_q + 1;
        return floor_q;
    case RoundingMode::Stochastic: {
        if (!rng) // same fallback as roundToIntegral
            return roundingDivideByPOT(x, exponent, RoundingMode::HalfEven, nullptr);
        if (rem == 0)
            return floor_q;
        // P(up) = rem / 2^e, with 53 bits of the fraction (exact for e ≤ 53).
        const double p = std::ldexp(static_cast<double>(rem), -exponent);
        return rng->uniform() < p ? floor_q + 1 : floor_q;
    }
    }
    return floor_q;
}

namespace {

int64_t saturateToInt64(Int128 v)
{
    if (v > std::numeric_limits<int64_t>::max())
        return std::numeric_limits<int64_t>::max();
    if (v < std::numeric_limits<int64_t>::min())
        return std::numeric_limits<int64_t>::min();
    return static_cast<int64_t>(v);
}

} // namespace

int64_t multiplyByQuantizedMultiplierHalfAwayWide(int64_t acc, QuantizedMultiplier qm)
{
    if (qm.multiplier == 0)
        return 0;
    const int left_shift = qm.shift > 0 ? qm.shift : 0;
    const int right_shift = qm.shift > 0 ? 0 : -qm.shift;
    // |acc| ≤ 2^63, multiplier < 2^31, left_shift ≤ 31: |product| < 2^125 fits.
    const Int128 product = static_cast<Int128>(acc) * qm.multiplier * (Int128(1) << left_shift);
    // Stage 1, SaturatingRoundingDoublingHighMul's rounding without its 32-bit register:
    // product / 2^31 to nearest, ties toward +inf (floor of value + 1/2).
    const Int128 high = (product + (Int128(1) << 30)) >> 31;
    // Stage 2, RoundingDivideByPOT: half away from zero at the final LSB.
    return saturateToInt64(roundingDivideByPOT(high, right_shift, RoundingMode::HalfAway));
}

int64_t multiplyByQuantizedMultiplier(int64_t acc, QuantizedMultiplier qm, RoundingMode mode,
                                      Rng* rng)
{
    if (mode == RoundingMode::HalfAway)
        return multiplyByQuantizedMultiplierHalfAway(acc, qm);
    if (qm.multiplier == 0)
        return 0;
    // One exact product, one rounding: acc · multiplier / 2^(31 − shift).
    const Int128 product = static_cast<Int128>(acc) * qm.multiplier;
    const int exponent = 31 - qm.shift;
    if (exponent < 0)
        return saturateToInt64(product * (Int128(1) << -exponent));
    return saturateToInt64(roundingDivideByPOT(product, exponent, mode, rng));
}

int64_t multiplyByFloatMultiplier(int64_t acc, float M, RoundingMode mode, Rng* rng)
{
    const float product = static_cast<float>(acc) * M;
    return roundToInt(product, mode, rng);
}

} // namespace ql
