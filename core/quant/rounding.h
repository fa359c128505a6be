#pragma once
// Rounding modes: the one place where a real number becomes an integer code (spec §1).
//
// Every quantizer in the engine (weights, inputs, bias, requantized accumulators, the
// fixed-point RoundingDivideByPOT) takes a RoundingMode, so the teaching point of the spec —
// truncation and floor drift, half-even does not, stochastic is unbiased in expectation —
// holds on every path.

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

// "half_even", "half_away", "toward_zero", "floor", "stochastic".
const char* roundingModeName(RoundingMode mode);
// Returns false (and leaves *out alone) for an unknown name.
bool parseRoundingMode(const std::string& name, RoundingMode* out);
// "half_even, half_away, toward_zero, floor, stochastic" — for error messages.
std::string roundingModeNames();

} // namespace ql
