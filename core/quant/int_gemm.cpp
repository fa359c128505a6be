#include "core/quant/int_gemm.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "core/error.h"
#include "core/isa/kernel_choice.h"
#include "core/quant/int16_gemm.h"

namespace ql {

const char* accumulatorModeName(AccumulatorMode m)
{
    switch (m) {
    case AccumulatorMode::Int32: return "int32";
    case AccumulatorMode::Int64: return "int64";
    case AccumulatorMode::Auto: return "auto";
    }
    return "auto";
}

bool parseAccumulatorMode(const std::string& name, AccumulatorMode* out)
{
    for (AccumulatorMode m : {AccumulatorMode::Int32, AccumulatorMode::Int64, AccumulatorMode::Auto})
        if (name == accumulatorModeName(m)) {
            *out = m;
            return true;
        }
    return false;
}

const char* requantModeName(RequantMode m)
{
    return m == RequantMode::FixedPoint ? "fixed_point" : "float";
}

bool parseRequantMode(const std::string& name, RequantMode* out)
{
    if (name == "float")
        *out = RequantMode::Float;
    else if (name == "fixed_point")
        *out = RequantMode::FixedPoint;
    else
        return false;
    return true;
}

void AccumulatorStats::merge(const AccumulatorStats& o)
{
    count += o.count;
    overflows += o.overflows;
    maxAbs = std::max(maxAbs, o.maxAbs);
    int64Used = int64Used || o.int64Used;
}

namespace {

constexpr int64_t kInt32Max = std::numeric_limits<int32_t>::max();
constexpr int64_t kInt32Min = std::numeric_limits<int32_t>::min();

// Σ_k x[n,k]·w[o,k] over raw codes into out[n,o]. Acc must hold `chunk` products without
// overflow (the caller sizes the chunk); partial sums are merged into int64. Columns are
// processed 4 at a time (x is loaded once per 4 dot products) in blocks of 32 columns so that
// the block of w stays in cache while every row streams past it.
template <typename T, typename Acc>
void rawGemm(const T* x, const T* w, int64_t rows, int64_t cols, int64_t depth, int64_t chunk,
             int64_t* out)
{
    constexpr int64_t kBlockCols = 32;
    for (int64_t o0 = 0; o0 < cols; o0 += kBlockCols) {
        const int64_t o1 = std::min(cols, o0 + kBlockCols);
        for (int64_t n = 0; n < rows; ++n) {
            const T* x_row = x + n * depth;
            int64_t o = o0;
            for (; o + 4 <= o1; o += 4) {
                const T* w0 = w + o * depth;
                const T* w1 = w0 + depth;
                const T* w2 = w1 + depth;
                const T* w3 = w2 + depth;
                int64_t t0 = 0, t1 = 0, t2 = 0, t3 = 0;
                for (int64_t k0 = 0; k0 < depth; k0 += chunk) {
                    const int64_t len = std::min(chunk, depth - k0);
                    Acc s0 = 0, s1 = 0, s2 = 0, s3 = 0;
                    for (int64_t k = k0; k < k0 + len; ++k) {
                        const Acc a = x_row[k];
                        s0 += a * Acc(w0[k]);
                        s1 += a * Acc(w1[k]);
                        s2 += a * Acc(w2[k]);
                        s3 += a * Acc(w3[k]);
                    }
                    t0 += s0;
                    t1 += s1;
                    t2 += s2;
                    t3 += s3;
                }
                int64_t* dst = out + n * cols + o;
                dst[0] = t0;
                dst[1] = t1;
                dst[2] = t2;
                dst[3] = t3;
            }
            for (; o < o1; ++o) {
                const T* w_row = w + o * depth;
                int64_t t = 0;
                for (int64_t k0 = 0; k0 < depth; k0 += chunk) {
                    const int64_t len = std::min(chunk, depth - k0);
                    Acc s = 0;
                    for (int64_t k = k0; k < k0 + len; ++k)
                        s += Acc(x_row[k]) * Acc(w_row[k]);
                    t += s;
                }
                out[n * cols + o] = t;
            }
        }
    }
}

int64_t maxAbsCode(const int32_t* v, int64_t n)
{
    int64_t m = 0;
    for (int64_t i = 0; i < n; ++i)
        m = std::max<int64_t>(m, std::abs(static_cast<int64_t>(v[i])));
    return m;
}

std::vector<int16_t> toInt16(const int32_t* v, int64_t n)
{
    std::vector<int16_t> r(static_cast<size_t>(n));
    for (int64_t i = 0; i < n; ++i)
        r[i] = static_cast<int16_t>(v[i]);
    return r;
}

void checkZeroPoints(const GemmParams& p)
{
    const auto nx = static_cast<int64_t>(p.inputZeroPoint.size());
    const auto nw = static_cast<int64_t>(p.weightZeroPoint.size());
    if (nx != 1 && nx != p.rows)
        throw Error("integer GEMM: input zero point must be per tensor or per row");
    if (nw != 1 && nw != p.cols)
        throw Error("integer GEMM: weight zero point must be per tensor or per output channel");
    if (p.rows < 0 || p.cols < 0 || p.depth < 0)
        throw Error("integer GEMM: negative dimension");
}

// The packed int16 kernel (int16_gemm.h) on the centred codes x̃ = x − Z_x[n],
// w̃ = w − Z_w[o], when they fit int16 and K·max|x̃|·max|w̃| ≤ 2^31 − 1 (then no partial sum
// leaves int32): C[o][n] = Σ_k w̃[o,k]·x̃[n,k] with A = w̃, whose rows already hold each k pair
// side by side, and B = x̃ᵀ in pairs. acc[n, o] = C[o][n] is then the exact zero-point-expanded
// sum. Returns false to fall back.
bool packedGemm(const GemmParams& p, const int32_t* x, const int32_t* w, int64_t* acc)
{
    constexpr int64_t kInt16Max = 32767;
    const int64_t rows = p.rows, cols = p.cols, depth = p.depth;
    const int64_t pairs = (depth + 1) / 2, even = depth / 2;
    PackedGemmWeights owned;
    const PackedGemmWeights* weights = p.packed;
    if (!weights) {
        owned = packGemmWeights(p, w);
        weights = &owned;
    }
    const bool per_row = p.inputZeroPoint.size() > 1;
    int64_t max_x = 0; // before packing, so that only values that fit int16 are narrowed
    for (int64_t n = 0; n < rows; ++n) {
        const int64_t z = p.inputZeroPoint[per_row ? n : 0];
        for (int64_t k = 0; k < depth; ++k)
            max_x = std::max(max_x, std::abs(int64_t(x[n * depth + k]) - z));
    }
    if (weights->pairs.empty() || max_x > kInt16Max ||
        !int32AccumulatorSafe(depth, max_x, weights->maxAbs, 0))
        return false;
    const int64_t npad = packedColumns(rows);
    std::vector<int32_t> b(static_cast<size_t>(pairs * npad), 0);
    for (int64_t n = 0; n < rows; ++n) {
        const int32_t z = p.inputZeroPoint[per_row ? n : 0];
        const int32_t* row = x + n * depth;
        for (int64_t j = 0; j < even; ++j)
            b[j * npad + n] = packPair(row[2 * j] - z, row[2 * j + 1] - z);
        if (pairs > even) // odd depth: the last pair's high half is 0
            b[even * npad + n] = packPair(row[depth - 1] - z, 0);
    }
    std::vector<int32_t> c(static_cast<size_t>(cols * npad));
    int16GemmPacked(cols, npad, pairs, weights->pairs.data(), b.data(), c.data());
    for (int64_t n = 0; n < rows; ++n)
        for (int64_t o = 0; o < cols; ++o)
            acc[n * cols + o] = c[o * npad + n];
    return true;
}

} // namespace

PackedGemmWeights packGemmWeights(const GemmParams& params, const int32_t* w)
{
    const int64_t cols = params.cols, depth = params.depth;
    const int64_t pairs = (depth + 1) / 2, even = depth / 2;
    const bool per_col = params.weightZeroPoint.size() > 1;
    PackedGemmWeights packed;
    for (int64_t o = 0; o < cols; ++o) {
        const int64_t z = params.weightZeroPoint[per_col ? o : 0];
        for (int64_t k = 0; k < depth; ++k)
            packed.maxAbs = std::max(packed.maxAbs, std::abs(int64_t(w[o * depth + k]) - z));
    }
    if (packed.maxAbs > 32767)
        return packed; // the int64 path will run
    packed.pairs.resize(static_cast<size_t>(cols * pairs));
    for (int64_t o = 0; o < cols; ++o) {
        const int32_t z = params.weightZeroPoint[per_col ? o : 0];
        const int32_t* row = w + o * depth;
        int32_t* dst = packed.pairs.data() + o * pairs;
        for (int64_t j = 0; j < even; ++j)
            dst[j] = packPair(row[2 * j] - z, row[2 * j + 1] - z);
        if (pairs > even) // odd depth: the last pair's high half is 0
            dst[even] = packPair(row[depth - 1] - z, 0);
    }
    return packed;
}

int64_t maxAbsCentered(const int32_t* codes, int64_t rows, int64_t depth,
                       const std::vector<int32_t>& zero_point)
{
    int64_t m = 0;
    for (int64_t r = 0; r < rows; ++r) {
        const int64_t z = zero_point.size() == 1 ? zero_point[0] : zero_point[r];
        for (int64_t k = 0; k < depth; ++k)
            m = std::max<int64_t>(m, std::abs(codes[r * depth + k] - z));
    }
    return m;
}

bool int32AccumulatorSafe(int64_t depth, int64_t max_x, int64_t max_w, int64_t max_bias)
{
    // Evaluated in double: every factor is ≤ 2^32, so the product cannot overflow there and
    // the comparison is exact where it matters (values near 2^31 are integers < 2^53).
    const double bound = double(depth) * double(max_x) * double(max_w) + double(max_bias);
    return bound <= double(kInt32Max);
}

void intGemmExact(const GemmParams& params, const int32_t* x, const int32_t* w, int64_t* acc)
{
    checkZeroPoints(params);
    const int64_t rows = params.rows;
    const int64_t cols = params.cols;
    const int64_t depth = params.depth;
    if (rows == 0 || cols == 0)
        return;
    if (packedGemm(params, x, w, acc))
        return;

    // 1. Σ_k x·w over raw codes. |product| ≤ max|x|·max|w|; pick the widest K chunk whose
    //    partial sum provably fits int32.
    const int64_t max_x = maxAbsCode(x, rows * depth);
    const int64_t max_w = maxAbsCode(w, cols * depth);
    const int64_t max_product = std::max<int64_t>(1, max_x * max_w);
    const int64_t chunk = kInt32Max / max_product;
    if (max_x <= 32767 && max_w <= 32767 && chunk >= 64) {
        const std::vector<int16_t> x16 = toInt16(x, rows * depth);
        const std::vector<int16_t> w16 = toInt16(w, cols * depth);
        rawGemm<int16_t, int32_t>(x16.data(), w16.data(), rows, cols, depth, chunk, acc);
    } else {
        rawGemm<int32_t, int64_t>(x, w, rows, cols, std::max<int64_t>(depth, 1), depth ? depth : 1,
                                  acc);
    }

    // 2. Zero-point expansion with the row sums Σ_k x[n,k] and column sums Σ_k w[o,k].
    std::vector<int64_t> row_sum(rows, 0);
    std::vector<int64_t> col_sum(cols, 0);
    for (int64_t n = 0; n < rows; ++n)
        for (int64_t k = 0; k < depth; ++k)
            row_sum[n] += x[n * depth + k];
    for (int64_t o = 0; o < cols; ++o)
        for (int64_t k = 0; k < depth; ++k)
            col_sum[o] += w[o * depth + k];
    const bool per_row = params.inputZeroPoint.size() > 1;
    const bool per_col = params.weightZeroPoint.size() > 1;
    for (int64_t n = 0; n < rows; ++n) {
        const int64_t input_zero_point = params.inputZeroPoint[per_row ? n : 0];
        for (int64_t o = 0; o < cols; ++o) {
            const int64_t weight_zero_point = params.weightZeroPoint[per_col ? o : 0];
            acc[n * cols + o] += -weight_zero_point * row_sum[n] - input_zero_point * col_sum[o] +
                                 depth * input_zero_point * weight_zero_point;
        }
    }
}

void finishAccumulators(int64_t* acc, int64_t n, AccumulatorMode mode, bool int32Safe,
                        AccumulatorStats* stats)
{
    // max |acc| and the count outside int32, on the kernel path activeIsa() chose (integer
    // results: the same on every path).
    const auto scan = QL_ACTIVE_KERNEL(accumulatorScan);
    int64_t overflows = 0;
    int64_t max_abs = 0;
    scan(acc, n, &max_abs, &overflows);
    const bool wrap = mode == AccumulatorMode::Int32;
    if (wrap && overflows > 0) {
        // Two's complement wrap through uint32 (well defined), then back to the signed range.
        for (int64_t i = 0; i < n; ++i)
            acc[i] = static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(acc[i])));
    }
    if (stats) {
        stats->count += n;
        stats->overflows += overflows;
        stats->maxAbs = std::max(stats->maxAbs, max_abs);
        stats->int64Used = stats->int64Used || mode == AccumulatorMode::Int64 ||
                           (mode == AccumulatorMode::Auto && !int32Safe);
    }
}

void intGemm(const GemmParams& params, const int32_t* x, const int32_t* w, int64_t* acc,
             AccumulatorStats* stats)
{
    intGemmExact(params, x, w, acc);
    const int64_t rows = params.rows;
    const int64_t cols = params.cols;
    int64_t max_bias = 0;
    if (params.bias) {
        for (int64_t o = 0; o < cols; ++o)
            max_bias = std::max<int64_t>(max_bias, std::abs(int64_t(params.bias[o])));
        for (int64_t n = 0; n < rows; ++n)
            for (int64_t o = 0; o < cols; ++o)
                acc[n * cols + o] += params.bias[o];
    }
    bool safe = true;
    if (params.accumulator == AccumulatorMode::Auto && rows > 0 && cols > 0) {
        const int64_t max_x = maxAbsCentered(x, rows, params.depth, params.inputZeroPoint);
        // Weights are [cols, depth] with a per-column zero point: per "row" of w.
        const int64_t max_w = params.packed
                                  ? params.packed->maxAbs
                                  : maxAbsCentered(w, cols, params.depth, params.weightZeroPoint);
        safe = int32AccumulatorSafe(params.depth, max_x, max_w, max_bias);
    }
    finishAccumulators(acc, rows * cols, params.accumulator, safe, stats);
}

void RequantParams::setMultipliers(const std::vector<double>& M)
{
    multiplier.resize(M.size());
    fixedMultiplier.resize(M.size());
    for (size_t c = 0; c < M.size(); ++c) {
        multiplier[c] = static_cast<float>(M[c]);
        fixedMultiplier[c] = quantizeMultiplier(M[c]);
    }
}

void RequantParams::setProductMultipliers(const std::vector<double>& M, float sx,
                                          const std::vector<float>& sw, float sy)
{
    setMultipliers(M);
    for (size_t c = 0; c < M.size(); ++c)
        multiplier[c] = floatProductMultiplier(sx, sw[sw.size() > 1 ? c : 0], sy);
}

namespace {

// The element loop of requantize with the scaling `scale(acc, channel multiplier index)`
// inlined: scaled value + output zero point, clamped to the activation range, clip counts.
template <typename Scale>
void requantizeLoop(const RequantParams& params, const int64_t* acc, int64_t outer,
                    int64_t channels, int64_t inner, bool per_channel, int32_t* out,
                    int64_t* low_out, int64_t* high_out, Scale scale)
{
    const int64_t output_zero_point = params.outputZeroPoint;
    const int64_t activation_min = params.activationMin;
    const int64_t activation_max = params.activationMax;
    int64_t low = 0;
    int64_t high = 0;
    for (int64_t b = 0; b < outer; ++b) {
        for (int64_t c = 0; c < channels; ++c) {
            const size_t m = per_channel ? static_cast<size_t>(c) : 0;
            const int64_t base = (b * channels + c) * inner;
            for (int64_t i = 0; i < inner; ++i) {
                const int64_t code = requantizedCodeUnclamped(
                    scale(acc[base + i], m), output_zero_point, activation_min, activation_max);
                int32_t q;
                if (code < activation_min) {
                    ++low;
                    q = static_cast<int32_t>(activation_min);
                } else if (code > activation_max) {
                    ++high;
                    q = static_cast<int32_t>(activation_max);
                } else {
                    q = static_cast<int32_t>(code);
                }
                out[base + i] = q;
            }
        }
    }
    *low_out += low;
    *high_out += high;
}

// The float path with a deterministic rounding mode, written so that the element loop
// vectorises: R(float32(acc) · M) in double, then the code. Instead of saturating R into int64
// and clamping R + Z_y, R is first clamped (in double, NaN → 0 as saturateToInt64 maps it) to
// [activation_min − Z_y − 1, activation_max − Z_y + 1]: R is an integer, so it lies below
// activation_min − Z_y exactly when its clamped value does, and likewise above — the clip
// counts and the clamped codes are unchanged. (Kept apart from requantizeLoop on purpose: run
// through that loop's int64 saturation this path stopped vectorising and requantization went
// from 7 % to 20 % of an evaluation.)
template <typename Round>
void requantizeFloatLoop(const RequantParams& params, const int64_t* acc, int64_t outer,
                         int64_t channels, int64_t inner, bool per_channel, int32_t* out,
                         int64_t* low_out, int64_t* high_out, Round round)
{
    const int64_t zero_point = params.outputZeroPoint;
    const int64_t activation_min = params.activationMin;
    const int64_t activation_max = params.activationMax;
    const double lo = double(activation_min - zero_point - 1);
    const double hi = double(activation_max - zero_point + 1);
    int64_t low = 0;
    int64_t high = 0;
    for (int64_t b = 0; b < outer; ++b) {
        for (int64_t c = 0; c < channels; ++c) {
            const float m = params.multiplier[per_channel ? static_cast<size_t>(c) : 0];
            const int64_t base = (b * channels + c) * inner;
            for (int64_t i = 0; i < inner; ++i) {
                double r = round(double(static_cast<float>(acc[base + i]) * m));
                r = r == r ? std::min(std::max(r, lo), hi) : 0.0;
                const int64_t code = static_cast<int64_t>(r) + zero_point;
                low += code < activation_min;
                high += code > activation_max;
                out[base + i] = static_cast<int32_t>(
                    std::min(std::max(code, activation_min), activation_max));
            }
        }
    }
    *low_out += low;
    *high_out += high;
}

// The per-ISA half-even kernels' contract: |lo|, |hi| ≤ 2^24 (exact in float) and
// |Z_y| ≤ 2^30 (r + Z_y fits int32).
bool kernelContractHolds(const RequantParams& params)
{
    constexpr int64_t kExactFloat = int64_t(1) << 24;
    const int64_t zero_point = params.outputZeroPoint;
    const int64_t lo = int64_t(params.activationMin) - zero_point - 1;
    const int64_t hi = int64_t(params.activationMax) - zero_point + 1;
    return std::abs(lo) <= kExactFloat && std::abs(hi) <= kExactFloat &&
           std::abs(zero_point) <= (int64_t(1) << 30);
}

// requantizeFloatLoop with half-even rounding, one row of `inner` accumulators at a time on
// the kernel path activeIsa() chose (core/isa/requantize_kernel.inc: the same arithmetic in
// float, which equals the double rounding above because float32(acc)·M is a float and its
// nearest integer one too). Returns false, without writing, when the activation range or the
// output zero point is outside the kernel's contract (|lo|, |hi| ≤ 2^24, |Z_y| ≤ 2^30).
bool requantizeHalfEvenKernel(const RequantParams& params, const int64_t* acc, int64_t outer,
                              int64_t channels, int64_t inner, bool per_channel, int32_t* out,
                              int64_t* low, int64_t* high)
{
    if (!kernelContractHolds(params))
        return false;
    const auto row = QL_ACTIVE_KERNEL(requantizeRowHalfEven);
    for (int64_t b = 0; b < outer; ++b)
        for (int64_t c = 0; c < channels; ++c) {
            const int64_t base = (b * channels + c) * inner;
            row(acc + base, inner, params.multiplier[per_channel ? static_cast<size_t>(c) : 0],
                params.outputZeroPoint, params.activationMin, params.activationMax, out + base,
                low, high);
        }
    return true;
}

} // namespace

bool requantizeInt32Applies(const RequantParams& params)
{
    return params.mode == RequantMode::Float && params.rounding == RoundingMode::HalfEven &&
           !params.multiplier.empty() && kernelContractHolds(params);
}

void requantizeInt32Row(const RequantParams& params, int64_t channel, const int32_t* acc,
                        int64_t n, int32_t* out, int64_t* low, int64_t* high, int32_t* max_abs)
{
    const size_t m = params.multiplier.size() > 1 ? static_cast<size_t>(channel) : 0;
    QL_ACTIVE_KERNEL(requantizeInt32RowHalfEven)(acc, n, params.multiplier[m],
                                                 params.outputZeroPoint, params.activationMin,
                                                 params.activationMax, out, low, high, max_abs);
}

void requantize(const RequantParams& params, const int64_t* acc, int64_t outer, int64_t channels,
                int64_t inner, int32_t* out, ClipStats* clip)
{
    const bool fixed = params.mode == RequantMode::FixedPoint;
    std::vector<QuantizedMultiplier> derived;
    const std::vector<QuantizedMultiplier>* fixed_multiplier = &params.fixedMultiplier;
    if (fixed && params.fixedMultiplier.empty()) {
        for (float m : params.multiplier)
            derived.push_back(quantizeMultiplier(m));
        fixed_multiplier = &derived;
    }
    const size_t count = fixed ? fixed_multiplier->size() : params.multiplier.size();
    if (count != 1 && static_cast<int64_t>(count) != channels)
        throw Error("requantize: " + std::to_string(count) + " multipliers for " +
                    std::to_string(channels) + " channels");
    const bool per_channel = count != 1;
    const RoundingMode rounding = params.rounding;
    int64_t low = 0;
    int64_t high = 0;
    auto run = [&](auto scale) {
        requantizeLoop(params, acc, outer, channels, inner, per_channel, out, &low, &high, scale);
    };
    const float* fm = params.multiplier.data();
    const QuantizedMultiplier* qm = fixed_multiplier->data();
    if (!fixed) {
        // R(float32(acc) · M): the float32 product exactly as multiplyByFloatMultiplier forms
        // it, widened to double (exact) and rounded like roundToIntegral. Half-even (the
        // default) runs as a per-ISA kernel.
        const auto loop = [&](auto round) {
            requantizeFloatLoop(params, acc, outer, channels, inner, per_channel, out, &low,
                                &high, round);
        };
        const bool deterministic =
            (rounding == RoundingMode::HalfEven &&
             requantizeHalfEvenKernel(params, acc, outer, channels, inner, per_channel, out,
                                      &low, &high)) ||
            withDeterministicRounding(rounding, loop);
        if (!deterministic)
            run([fm, &params](int64_t a, size_t m) {
                return multiplyByFloatMultiplier(a, fm[m], params.rounding, params.rng);
            });
    } else if (rounding == RoundingMode::HalfAway) {
        // gemmlowp's two roundings, inline in 32-bit form where the values allow (fixed_point.h).
        run([qm](int64_t a, size_t m) { return multiplyByQuantizedMultiplierHalfAway(a, qm[m]); });
    } else {
        run([qm, &params](int64_t a, size_t m) {
            return multiplyByQuantizedMultiplier(a, qm[m], params.rounding, params.rng);
        });
    }
    if (clip) {
        clip->total += outer * channels * inner;
        clip->clippedLow += low;
        clip->clippedHigh += high;
    }
}

} // namespace ql
