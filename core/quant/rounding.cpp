#include "core/quant/rounding.h"

#include <cmath>
#include <limits>

namespace ql {

double roundToIntegral(double x, RoundingMode mode, Rng* rng)
{
    switch (mode) {
    case RoundingMode::HalfEven:
        // The default floating-point environment rounds to nearest-even; nearbyint honours it
        // without raising FE_INEXACT traps. (Nothing in QuantLens changes the FP mode.)
        return std::nearbyint(x);
    case RoundingMode::HalfAway:
        return std::round(x);
    case RoundingMode::TowardZero:
        return std::trunc(x);
    case RoundingMode::Floor:
        return std::floor(x);
    case RoundingMode::Stochastic: {
        if (!rng || !std::isfinite(x))
            return std::nearbyint(x);
        // x = f + p with f = floor(x), p in [0, 1): round up with probability p, so
        // E[R(x)] = f + p = x (unbiased). u < p never holds for p == 0: integers stay put.
        const double f = std::floor(x);
        const double p = x - f;
        return rng->uniform() < p ? f + 1.0 : f;
    }
    }
    return std::nearbyint(x);
}

int64_t roundToInt(double x, RoundingMode mode, Rng* rng)
{
    const double r = roundToIntegral(x, mode, rng);
    if (std::isnan(r))
        return 0;
    // 2^63 is exactly representable; anything at or beyond it saturates.
    if (r >= 9223372036854775808.0)
        return std::numeric_limits<int64_t>::max();
    if (r < -9223372036854775808.0)
        return std::numeric_limits<int64_t>::min();
    return static_cast<int64_t>(r);
}

const char* roundingModeName(RoundingMode mode)
{
    switch (mode) {
    case RoundingMode::HalfEven: return "half_even";
    case RoundingMode::HalfAway: return "half_away";
    case RoundingMode::TowardZero: return "toward_zero";
    case RoundingMode::Floor: return "floor";
    case RoundingMode::Stochastic: return "stochastic";
    }
    return "half_even";
}

bool parseRoundingMode(const std::string& name, RoundingMode* out)
{
    for (RoundingMode m : {RoundingMode::HalfEven, RoundingMode::HalfAway, RoundingMode::TowardZero,
                           RoundingMode::Floor, RoundingMode::Stochastic}) {
        if (name == roundingModeName(m)) {
            *out = m;
            return true;
        }
    }
    return false;
}

std::string roundingModeNames()
{
    return "half_even, half_away, toward_zero, floor, stochastic";
}

} // namespace ql
