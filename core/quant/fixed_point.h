#pragma once
// Fixed-point requantization (spec §3, "fixed_point"; Jacob et al. 2018, gemmlowp, TFLite).
//
// THE shift convention of QuantLens (used everywhere, written down only here):
//
//     M  =  multiplier · 2^(shift − 31)        multiplier ∈ [2^30, 2^31)  (or 0 when M == 0)
//
// i.e. multiplier/2^31 ∈ [0.5, 1) is the mantissa and `shift` the binary exponent
// (std::frexp's). shift > 0 is a left shift (M ≥ 1); shift ≤ 0 a right shift by −shift.
// The spec's M = M0 · 2^(−n) is the same thing with M0 = multiplier, n = 31 − shift.
//
// Applying it to an accumulator (TFLite's MultiplyByQuantizedMultiplier):
//     y = RoundingDivideByPOT( SaturatingRoundingDoublingHighMul(acc · 2^max(shift,0), multiplier),
//                              max(−shift, 0) )
// SaturatingRoundingDoublingHighMul rounds to nearest at 2^−31 precision (ties up), then
// RoundingDivideByPOT rounds half away from zero at the final LSB. That two-stage form is what
// RoundingMode::HalfAway computes in fixed-point mode, for EVERY accumulator (spec §3): with
// gemmlowp's 32-bit registers when acc · 2^max(shift,0) fits int32 and the right shift is at
// most 31 — bit-exact with gemmlowp/TFLite's reference kernels — and with the same two
// roundings on exact 128-bit values otherwise (int64 accumulators, M < 2^−31), so a value means
// the same thing whichever register width held it. (Until this was fixed, accumulators outside
// int32 got one rounding instead: half_away meant two different things.) The double rounding
// is gemmlowp's: with a small right shift the first rounding can create a tie for the second
// (M = 0.3, acc·M = 2.3: round(4.6) = 5, 5/2 = 2.5 → 3), so it agrees with the float path on
// ~96 % of random accumulators, not ~100 %.
// For every other mode QuantLens forms the exact product acc · multiplier (≤ 94 bits, in
// 128-bit integers) and divides it by 2^(31 − shift) ONCE with the chosen rounding — the
// integer-only twin of R(acc · M): truncation then drifts by −0.5 LSB in integer-only mode
// too, and half_even matches the float path except where float32 itself rounds.
//
// The arithmetic is written once, here, as inline functions: the requantization loops
// (int_gemm.cpp, int_layers.cpp), the walk-through (explain.cpp) and the tests all call these.

#include <cstdint>

#include "core/quant/rounding.h"

namespace ql {

struct QuantizedMultiplier
{
    int32_t multiplier = 0; // in [2^30, 2^31), or 0 for M == 0
    int shift = 0;          // M = multiplier · 2^(shift − 31)
    bool operator==(const QuantizedMultiplier&) const = default;
    double value() const; // M back as a double (exact)
};

// Splits M ≥ 0 into (multiplier, shift). Rounds the mantissa half away from zero to 31 bits;
// when that rounds up to 2^31 it renormalises (multiplier = 2^30, shift + 1). Tiny M (shift
// below −62, i.e. M < 2^−93) is flushed to zero: no int64 accumulator can reach one LSB.
// Throws ql::Error for M < 0, NaN, or M ≥ 2^31.
QuantizedMultiplier quantizeMultiplier(double M);

// gemmlowp's SaturatingRoundingDoublingHighMul: a · b / 2^31 rounded to nearest with
// gemmlowp's nudge (+2^30 for a non-negative product, 1 − 2^30 for a negative one, then C's
// truncating division), so ties go toward +inf (0.5 → 1, −0.5 → 0, −1.5 → −1); the one
// overflow case (INT32_MIN · INT32_MIN) saturates to INT32_MAX. ARM's VQRDMULH.
inline int32_t saturatingRoundingDoublingHighMul(int32_t a, int32_t b)
{
    // The only product whose doubling overflows int32: (−2^31)·(−2^31)·2 = 2^63.
    if (a == b && a == INT32_MIN)
        return INT32_MAX;
    const int64_t ab = static_cast<int64_t>(a) * static_cast<int64_t>(b);
    const int64_t nudge = ab >= 0 ? (int64_t(1) << 30) : (1 - (int64_t(1) << 30));
    return static_cast<int32_t>((ab + nudge) / (int64_t(1) << 31));
}

// gemmlowp's RoundingDivideByPOT: x / 2^exponent rounded half away from zero (exponent 0..31):
// the remainder is compared against half the divisor, plus one for negatives, so a tie is
// rounded away from zero: −2.5 → −3, 2.5 → 3.
inline int32_t roundingDivideByPOT(int32_t x, int exponent)
{
    const int32_t mask = static_cast<int32_t>((int64_t(1) << exponent) - 1);
    const int32_t remainder = x & mask;
    const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
    return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

// x / 2^exponent (exponent 0..126) rounded with any RoundingMode — the per-mode variants:
//   half_away   (x + sign·2^(e−1)) then truncate toward zero   (gemmlowp's)
//   half_even   nearest, a tie goes to the even quotient
//   toward_zero arithmetic shift of |x|, sign restored (C's integer division)
//   floor       arithmetic shift right (x >> e)
//   stochastic  floor, plus 1 with probability remainder / 2^e
__extension__ typedef __int128 Int128;
Int128 roundingDivideByPOT(Int128 x, int exponent, RoundingMode mode, Rng* rng = nullptr);

// Out-of-line part of multiplyByQuantizedMultiplierHalfAway: the two roundings on 128-bit values.
int64_t multiplyByQuantizedMultiplierHalfAwayWide(int64_t acc, QuantizedMultiplier qm);

// acc · M in fixed point with RoundingMode::HalfAway: gemmlowp's two roundings (see the header
// comment), for any int64 accumulator. The common case — acc · 2^left_shift within int32 and a
// right shift ≤ 31 — runs inline in gemmlowp's 32-bit form.
inline int64_t multiplyByQuantizedMultiplierHalfAway(int64_t acc, QuantizedMultiplier qm)
{
    if (qm.multiplier == 0)
        return 0;
    const int left_shift = qm.shift > 0 ? qm.shift : 0;
    const int right_shift = qm.shift > 0 ? 0 : -qm.shift;
    // left_shift ≤ 31 (quantizeMultiplier caps M < 2^31): the bound check cannot overflow.
    const int64_t limit = int64_t(INT32_MAX) >> left_shift;
    if (acc >= -limit && acc <= limit && right_shift <= 31) {
        const auto shifted = static_cast<int32_t>(acc * (int64_t(1) << left_shift));
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(shifted, qm.multiplier),
                                   right_shift);
    }
    return multiplyByQuantizedMultiplierHalfAwayWide(acc, qm);
}

// acc · M with M = (multiplier, shift), rounded with `mode` (see the header comment), saturated
// to int64. HalfAway is multiplyByQuantizedMultiplierHalfAway (bit for bit TFLite's
// MultiplyByQuantizedMultiplier wherever TFLite's int32 arithmetic does not overflow).
int64_t multiplyByQuantizedMultiplier(int64_t acc, QuantizedMultiplier qm,
                                      RoundingMode mode = RoundingMode::HalfAway,
                                      Rng* rng = nullptr);

// The float path (PyTorch / ONNX Runtime): R(float32(acc) · M) with M a float32, the product
// in float32 as they form it, then rounded with `mode` and saturated to int64.
int64_t multiplyByFloatMultiplier(int64_t acc, float M, RoundingMode mode = RoundingMode::HalfEven,
                                  Rng* rng = nullptr);

} // namespace ql
