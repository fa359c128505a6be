#pragma once
// Rounding modes: the one place where a real number becomes an integer code (spec §1).
//
// Every quantizer in the engine (weights, inputs, bias, requantized accumulators, the
// fixed-point RoundingDivideByPOT) takes a RoundingMode, so the teaching point of the spec —
// truncation and floor drift, half-even does not, stochastic is unbiased in expectation —
// holds on every path.

#include <cmath>
#include <cstdint>
#include <string>

namespace ql {

enum class RoundingMode {
    HalfEven,   // nearest, ties to even (std::nearbyint; torch.round, ONNX, FBGEMM)
    HalfAway,   // nearest, ties away from zero (std::round; gemmlowp's RoundingDivideByPOT)
    TowardZero, // truncation (std::trunc): biased by about −0.5 LSB on positives
    Floor,      // toward −inf: error always in (−1, 0]
    Stochastic, // up with probability equal to the fraction: unbiased, needs a seeded Rng
};

// Small counter-based generator (SplitMix64) owned by the caller, so that a stochastic run is
// reproducible from its seed and independent of any global state or thread timing.
struct Rng
{
    uint64_t state = 0x9E3779B97F4A7C15ull;

    explicit Rng(uint64_t seed = 0) : state(seed) {}
    uint64_t next()
    {
        uint64_t z = (state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

// R(x) as a double holding an integer. Stochastic without an Rng falls back to half-even
// (so a caller can never silently get truncation). NaN stays NaN; ±inf stay infinite.
double roundToIntegral(double x, RoundingMode mode, Rng* rng = nullptr);

// R(x) saturated into the int64 range (NaN -> 0).
int64_t roundToInt(double x, RoundingMode mode, Rng* rng = nullptr);
// Z + R(x), the unclamped code of a value x = r / S. x is bounded to ±2^40 first: that is beyond
// every code range (|Z| < 2^31, codes are int32), so no clamped code changes, and the int64 sum
// cannot overflow (R(±inf) alone saturates at INT64_MAX / INT64_MIN). NaN gives Z.
inline int64_t roundedCode(double x, int64_t zero_point, RoundingMode mode, Rng* rng = nullptr)
{
    return zero_point + roundToInt(x < -0x1p40 ? -0x1p40 : x > 0x1p40 ? 0x1p40 : x, mode, rng);
}

// A double holding R(x) (from roundToIntegral's arithmetic) saturated into int64 exactly as
// roundToInt saturates: NaN → 0, ≥ 2^63 → INT64_MAX, < −2^63 → INT64_MIN.
inline int64_t saturateToInt64(double r)
{
    if (r != r)
        return 0;
    if (r >= 9223372036854775808.0)
        return INT64_MAX;
    if (r < -9223372036854775808.0)
        return INT64_MIN;
    return static_cast<int64_t>(r);
}

// R(num / den) for den > 0 computed in integers only (no floating point, exact for any int64
// num): the quotient q = floor(num / den) and remainder r = num − q·den ∈ [0, den) decide —
//   floor: q;  toward_zero: q + (r ≠ 0 and num < 0);
//   half_even / half_away: q + 1 when 2r > den, q when 2r < den, on a tie (2r = den) q + 1
//   if q is odd (half_even) or num > 0 (half_away);
//   stochastic: q + 1 with probability r / den (one draw per call: next() mod den < r).
// Used where integer pipelines divide by a count (AveragePool, ReduceMean: spec §4).
int64_t roundingDivide(int64_t num, int64_t den, RoundingMode mode, Rng* rng = nullptr);

// Exact inline replacements for std::nearbyint / std::floor / std::trunc on float and double.
// The build targets baseline x86-64 (SSE2, no SSE4.1 `roundss`), where those calls go to libm
// once per element and keep every loop around them scalar; these are plain adds, compares and
// sign masks, so the loops vectorise. Exactness (T = float: B = 2^23; double: B = 2^52):
//   * |x| ≥ B, ±inf and NaN are already integral (or NaN) and are returned unchanged;
//   * for |x| < B the sum |x| + B lies in [B, 2B), where the spacing of T is exactly 1, so the
//     addition itself rounds |x| to an integer — to nearest, ties to even (the default
//     floating-point environment, which nothing in QuantLens changes; B is even, so the tie
//     goes to the even integer) — and subtracting B again is exact;
//   * the sign is copied back, so −0.3 gives −0 exactly as nearbyint does.
// floor: the nearest integer, minus 1 when it lies above x (a tie rounded up included);
// trunc: the floor of |x| with x's sign. tests/test_rounding.cpp compares all three with libm,
// bit for bit, at every boundary (halves, B − ½, B, subnormals, ±0, ±inf, NaN) and at random.
template <typename T>
inline T nearbyintExact(T x)
{
    constexpr T big = sizeof(T) == sizeof(double) ? T(0x1p52) : T(0x1p23);
    const T magnitude = std::fabs(x);
    const T rounded = std::copysign((magnitude + big) - big, x);
    return magnitude < big ? rounded : x; // NaN compares false: returned as it came
}

template <typename T>
inline T floorExact(T x)
{
    const T nearest = nearbyintExact(x);
    return nearest > x ? nearest - T(1) : nearest;
}

template <typename T>
inline T truncExact(T x)
{
    return std::copysign(floorExact(std::fabs(x)), x);
}

// For the deterministic modes, calls fn(round) once with `round` a callable float → float and
// double → double returning R(x) exactly as roundToIntegral does; element loops written inside
// fn then carry no per-element mode switch and vectorise. Returns false, without calling fn,
// for Stochastic (every draw needs the Rng: use roundToIntegral / roundToInt).
template <typename Fn>
bool withDeterministicRounding(RoundingMode mode, Fn&& fn)
{
    switch (mode) {
    case RoundingMode::HalfEven: fn([](auto x) { return nearbyintExact(x); }); return true;
    case RoundingMode::HalfAway:
        // trunc(x) ± 1 when the dropped fraction x − trunc(x) (exact in binary floating point)
        // reaches one half: std::round's result, in operations that vectorise.
        fn([](auto x) {
            using T = decltype(x);
            const T t = truncExact(x);
            const T frac = x - t;
            return frac >= T(0.5) ? t + T(1) : frac <= T(-0.5) ? t - T(1) : t;
        });
        return true;
    case RoundingMode::TowardZero: fn([](auto x) { return truncExact(x); }); return true;
    case RoundingMode::Floor: fn([](auto x) { return floorExact(x); }); return true;
    case RoundingMode::Stochastic: return false;
    }
    return false;
}

// "half_even", "half_away", "toward_zero", "floor", "stochastic".
const char* roundingModeName(RoundingMode mode);
// Returns false (and leaves *out alone) for an unknown name.
bool parseRoundingMode(const std::string& name, RoundingMode* out);
// "half_even, half_away, toward_zero, floor, stochastic" — for error messages.
std::string roundingModeNames();

} // namespace ql
