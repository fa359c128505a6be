// Integer Add (spec §4, residual): both inputs rescaled to the output's (S, Z).

#include "core/quant/int_ops/int_add_op.h"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "core/error.h"
#include "core/isa/kernel_choice.h"

namespace ql {

namespace {

// Clamp with clip counting (the unclamped code lies beyond the limit).
inline int32_t clampCounted(int64_t code, int64_t lo, int64_t hi, int64_t& low, int64_t& high)
{
    if (code < lo) {
        ++low;
        return static_cast<int32_t>(lo);
    }
    if (code > hi) {
        ++high;
        return static_cast<int32_t>(hi);
    }
    return static_cast<int32_t>(code);
}

Int128 shiftUp(Int128 v, int bits)
{
    return bits == 0 ? v : v * (Int128(1) << bits);
}

//   y = clamp( Z_y + R( M_a·(a − Z_a) + M_b·(b − Z_b) ), activation_min, activation_max )
//   M_a = S_a / S_y,  M_b = S_b / S_y
//
// float:       both products and their sum in double, then ONE rounding R.
// fixed_point: integer-only. M_a = m_a·2^(s_a − 31), M_b = m_b·2^(s_b − 31) (quantizeMultiplier),
//              so the exact sum is  [(a − Z_a)·m_a·2^(s_a − e) + (b − Z_b)·m_b·2^(s_b − e)] · 2^(e − 31)
//              with e = min(s_a, s_b): both terms are brought to the common smaller exponent in
//              Int128 (|(a − Z_a)·m| < 2^17·2^31 = 2^48, shifted by s_max − e ≤ 78 bits: < 2^127)
//              and divided ONCE by 2^(31 − e) with RoundingDivideByPOT in the chosen mode.
//              Exponents further apart than 78 bits (S_a/S_b beyond 2^78) drop the smaller term.
// A fused ReLU raises activation_min to Z_y.
void runAdd(const IntLayerRun& run)
{
    const QuantizedLayer& L = run.q;
    const IntLayerPrep& prep = run.prep;
    RtLayerStats* stats = run.stats;
    RtValue scratchA, scratchB;
    const RtValue& a = run.codes(0, scratchA);
    const RtValue& b = run.codes(1, scratchB);
    if (a.data.shape != b.data.shape)
        throw Error("integer engine: Add '" + L.plan.name + "' inputs differ in shape: " +
                    shapeToString(a.data.shape) + " vs " + shapeToString(b.data.shape));
    const double scale_a = a.params.scale[0], scale_b = b.params.scale[0];
    const int64_t zero_a = a.params.zeroPoint[0], zero_b = b.params.zeroPoint[0];
    const int64_t n = a.data.numel();
    const int32_t* qa = a.data.q.data();
    const int32_t* qb = b.data.q.data();

    QuantParams output = L.outputParams;
    int32_t activation_min = L.activationMin, activation_max = L.activationMax;
    const RoundingMode rounding = L.config.activations.rounding;
    if (prep.dynamicOutput) {
        double lo = std::numeric_limits<double>::infinity(), hi = -lo;
        for (int64_t i = 0; i < n; ++i) {
            const double r = scale_a * (qa[i] - zero_a) + scale_b * (qb[i] - zero_b);
            lo = std::min(lo, r);
            hi = std::max(hi, r);
        }
        output = run.runtime.dynamicParams(run.layer, lo, hi);
        activationLimits(prep.activation, output, rounding, &activation_min, &activation_max);
    }
    const double scale_y = output.scale[0];
    const int64_t zero_y = output.zeroPoint[0];
    const double multiplier_a = scale_a / scale_y, multiplier_b = scale_b / scale_y;
    const bool fixed = L.config.requantization == RequantMode::FixedPoint;
    const QuantizedMultiplier fixed_a = fixed ? quantizeMultiplier(multiplier_a) : QuantizedMultiplier{};
    const QuantizedMultiplier fixed_b = fixed ? quantizeMultiplier(multiplier_b) : QuantizedMultiplier{};
    // Common exponent: the smaller shift of the non-zero multipliers.
    int shift_a = fixed_a.shift, shift_b = fixed_b.shift;
    if (fixed_a.multiplier == 0)
        shift_a = shift_b;
    if (fixed_b.multiplier == 0)
        shift_b = shift_a;
    int64_t term_a_on = fixed_a.multiplier != 0, term_b_on = fixed_b.multiplier != 0;
    if (shift_a - shift_b > 78) { term_b_on = 0; shift_b = shift_a; }
    if (shift_b - shift_a > 78) { term_a_on = 0; shift_a = shift_b; }
    const int shift = std::min(shift_a, shift_b);
    const int up_a = shift_a - shift, up_b = shift_b - shift;

    RtValue out = codeValue(a.data.shape, output);
    int32_t* y = out.data.q.data();
    int64_t low = 0, high = 0;
    auto add = [&](int64_t begin, int64_t end, Rng* rng) {
        for (int64_t i = begin; i < end; ++i) {
            const int64_t da = qa[i] - zero_a, db = qb[i] - zero_b;
            int64_t rounded;
            if (!fixed) {
                rounded = roundToInt(multiplier_a * double(da) + multiplier_b * double(db), rounding, rng);
            } else {
                const Int128 sum = shiftUp(Int128(da * fixed_a.multiplier * term_a_on), up_a) +
                                   shiftUp(Int128(db * fixed_b.multiplier * term_b_on), up_b);
                rounded = static_cast<int64_t>(roundingDivideByPOT(sum, 31 - shift, rounding, rng));
            }
            y[i] = clampCounted(rounded + zero_y, activation_min, activation_max, low, high);
        }
    };
    // Float path, deterministic rounding: the same arithmetic with the mode hoisted out of the
    // loop (the common case; the general loop above calls roundToInt per element).
    auto hoisted = [&](auto round) {
        for (int64_t i = 0; i < n; ++i) {
            const double sum =
                multiplier_a * double(qa[i] - zero_a) + multiplier_b * double(qb[i] - zero_b);
            y[i] = clampCounted(saturateToInt64(round(sum)) + zero_y, activation_min,
                                activation_max, low, high);
        }
    };
    // Half-even (the default) with codes inside the kernel's contract: the same arithmetic as
    // `hoisted`, compiled per ISA (core/isa/add_kernel.inc).
    const int64_t limit = int64_t(1) << 30;
    const bool kernel = !fixed && rounding == RoundingMode::HalfEven &&
                        std::abs(zero_a) <= limit && std::abs(zero_b) <= limit &&
                        std::abs(zero_y) <= limit &&
                        std::abs(activation_min - zero_y - 1) <= limit &&
                        std::abs(activation_max - zero_y + 1) <= limit;
    if (kernel)
        addHalfEvenOnActiveIsa(qa, qb, n, int32_t(zero_a), int32_t(zero_b), multiplier_a,
                               multiplier_b, int32_t(zero_y), activation_min, activation_max, y,
                               &low, &high);
    const bool done = kernel || (!fixed && withDeterministicRounding(rounding, hoisted));
    if (!done && prep.stochastic && a.data.rank() > 0 && a.data.shape[0] > 0) {
        const int64_t samples = a.data.shape[0], per = n / samples;
        for (int64_t s = 0; s < samples; ++s) {
            Rng rng(run.seed(s));
            add(s * per, (s + 1) * per, &rng);
        }
    } else if (!done) {
        add(0, n, nullptr);
    }
    if (stats) {
        stats->clip.total += n;
        stats->clip.clippedLow += low;
        stats->clip.clippedHigh += high;
    }
    if (!fixed)
        run.countFloat(); // M_a·(a − Z_a) + M_b·(b − Z_b) in double
    run.setOutput(std::move(out));
}

} // namespace

void addHalfEvenOnActiveIsa(const int32_t* a, const int32_t* b, int64_t n, int32_t zero_a,
                            int32_t zero_b, double multiplier_a, double multiplier_b,
                            int32_t zero_point, int32_t activation_min, int32_t activation_max,
                            int32_t* out, int64_t* low, int64_t* high)
{
    QL_ACTIVE_KERNEL(addHalfEven)(a, b, n, zero_a, zero_b, multiplier_a, multiplier_b,
                                  zero_point, activation_min, activation_max, out, low, high);
}

IntOpDef makeIntAddOp()
{
    IntOpDef op;
    op.name = "add";
    op.opTypes = {"Add"};
    op.codeInputs = IntCodeInputs::All;
    op.check = [](const IntOpQuery& q) -> std::string {
        const Node& n = q.anchor();
        const PlannedLayer& L = q.layer;
        if (L.inputs.size() != 2 || n.inputs.size() != 2)
            return "Add of a constant operand runs in float (no integer kernel for it)";
        const Shape a = q.shapeOf(L.inputs[0]), b = q.shapeOf(L.inputs[1]);
        if (a.empty() || a != b)
            return "Add with broadcasting (" + shapeToString(a) + " + " + shapeToString(b) +
                   ") has no integer kernel";
        return {};
    };
    op.run = runAdd;
    return op;
}

} // namespace ql
