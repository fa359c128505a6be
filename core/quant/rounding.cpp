#include "core/quant/rounding.h"

#include <cmath>
#include <limits>

namespace ql {

double roundToIntegral(double x, RoundingMode mode, Rng* rng)
{
    switch (mode) {
    case RoundingMode::HalfEven:
        // The default floating-point environment rounds to nearest-even (nothing in QuantLens
        // changes the FP mode); nearbyintExact is std::nearbyint's result without the libm call.
        return nearbyintExact(x);
    case RoundingMode::HalfAway:
        return std::round(x);
    case RoundingMode::TowardZero:
        return truncExact(x);
    case RoundingMode::Floor:
        return floorExact(x);
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

int64_t roundingDivide(int64_t num, int64_t den, RoundingMode mode, Rng* rng)
{
    int64_t q = num / den; // truncates toward zero
    int64_t r = num % den; // same sign as num
    if (r < 0) {           // → floor quotient, remainder in [0, den)
        q -= 1;
        r += den;
    }
    switch (mode) {
    case RoundingMode::Floor: return q;
    case RoundingMode::TowardZero: return q + (r != 0 && num < 0 ? 1 : 0);
    case RoundingMode::HalfEven:
    case RoundingMode::HalfAway: {
        // 2r vs den without overflow: r ≥ den − r  ⟺  2r ≥ den.
        const int64_t rest = den - r;
        if (r > rest)
            return q + 1;
        if (r < rest)
            return q;
        if (mode == RoundingMode::HalfEven)
            return q + ((q & 1) != 0 ? 1 : 0);
        return q + (num > 0 ? 1 : 0);
    }
    case RoundingMode::Stochastic: {
        if (!rng) // as roundToIntegral: no Rng → half_even
            return roundingDivide(num, den, RoundingMode::HalfEven, nullptr);
        const uint64_t draw = rng->next() % static_cast<uint64_t>(den);
        return q + (draw < static_cast<uint64_t>(r) ? 1 : 0);
    }
    }
    return q;
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
