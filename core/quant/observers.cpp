#include "core/quant/observers.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/error.h"

namespace ql {

const char* observerKindName(ObserverKind k)
{
    switch (k) {
    case ObserverKind::MinMax: return "minmax";
    case ObserverKind::MovingAverageMinMax: return "moving_average_minmax";
    case ObserverKind::Percentile: return "percentile";
    case ObserverKind::Mse: return "mse";
    case ObserverKind::Entropy: return "entropy";
    case ObserverKind::Dynamic: return "dynamic";
    }
    return "minmax";
}

bool parseObserverKind(const std::string& name, ObserverKind* out)
{
    for (ObserverKind k : {ObserverKind::MinMax, ObserverKind::MovingAverageMinMax,
                           ObserverKind::Percentile, ObserverKind::Mse, ObserverKind::Entropy,
                           ObserverKind::Dynamic})
        if (name == observerKindName(k)) {
            *out = k;
            return true;
        }
    return false;
}

std::string observerKindNames()
{
    return "minmax, moving_average_minmax, percentile, mse, entropy, dynamic";
}

Observer::Observer(ObserverOptions options)
    : m_options(options), m_min(std::numeric_limits<float>::infinity()),
      m_max(-std::numeric_limits<float>::infinity())
{
    if (m_options.bins < 128)
        m_options.bins = 128;
    if (usesHistogram())
        m_hist.assign(static_cast<size_t>(2 * m_options.bins), 0.0);
}

bool Observer::usesHistogram() const
{
    return m_options.kind == ObserverKind::Percentile || m_options.kind == ObserverKind::Mse ||
           m_options.kind == ObserverKind::Entropy;
}

void Observer::observe(const float* x, int64_t n)
{
    float batch_min = std::numeric_limits<float>::infinity();
    float batch_max = -std::numeric_limits<float>::infinity();
    int64_t finite = 0;
    // 16 lanes of running min/max over the finite values (GCC vector extensions: one AVX-512
    // register; without -ffast-math the compiler will not vectorise a float min reduction
    // itself), folded at the end; then the tail.
    using Vec = float __attribute__((vector_size(64)));
    using Mask = int32_t __attribute__((vector_size(64)));
    constexpr int64_t kLanes = 16;
    const float inf = std::numeric_limits<float>::infinity();
    Vec lo = Vec{} + inf, hi = Vec{} - inf;
    Mask count = {};
    int64_t i = 0;
    for (; i + kLanes <= n; i += kLanes) {
        Vec v;
        std::memcpy(&v, x + i, sizeof v);
        const Vec a = v < 0 ? -v : v;
        const Mask ok = a <= std::numeric_limits<float>::max(); // finite: not ±inf, not NaN
        lo = ok && v < lo ? v : lo;
        hi = ok && v > hi ? v : hi;
        count -= ok; // true lanes are −1
    }
    for (int l = 0; l < kLanes; ++l) {
        batch_min = std::min(batch_min, lo[l]);
        batch_max = std::max(batch_max, hi[l]);
        finite += count[l];
    }
    for (; i < n; ++i) {
        if (!std::isfinite(x[i]))
            continue;
        batch_min = std::min(batch_min, x[i]);
        batch_max = std::max(batch_max, x[i]);
        ++finite;
    }
    if (finite == 0)
        return;
    if (m_count == 0) {
        m_avgMin = batch_min;
        m_avgMax = batch_max;
    } else {
        // PyTorch: min_val + c · (min_cur − min_val), float32.
        const float c = m_options.averagingConstant;
        m_avgMin = m_avgMin + c * (batch_min - m_avgMin);
        m_avgMax = m_avgMax + c * (batch_max - m_avgMax);
    }
    m_min = std::min(m_min, batch_min);
    m_max = std::max(m_max, batch_max);
    m_lastMin = batch_min;
    m_lastMax = batch_max;
    m_count += finite;
    if (usesHistogram())
        addToHistogram(x, n, std::max(std::fabs(batch_min), std::fabs(batch_max)));
}

void Observer::addToHistogram(const float* x, int64_t n, float batch_abs_max)
{
    const int total_bins = 2 * m_options.bins;
    if (batch_abs_max > m_absMax) {
        // Re-bin the existing counts into the wider grid by their bin centres.
        std::vector<double> wider(m_hist.size(), 0.0);
        if (m_absMax > 0.0f) {
            const double old_width = 2.0 * m_absMax / total_bins;
            const double new_width = 2.0 * double(batch_abs_max) / total_bins;
            for (int b = 0; b < total_bins; ++b) {
                if (m_hist[b] == 0.0)
                    continue;
                const double centre = -double(m_absMax) + (b + 0.5) * old_width;
                int nb = static_cast<int>(std::floor((centre + batch_abs_max) / new_width));
                wider[std::clamp(nb, 0, total_bins - 1)] += m_hist[b];
            }
        } else {
            // Everything so far was exactly 0: it stays in the bin holding 0.
            double zeros = 0.0;
            for (double c : m_hist)
                zeros += c;
            wider[total_bins / 2] += zeros;
        }
        m_hist.swap(wider);
        m_absMax = batch_abs_max;
    }
    if (m_absMax == 0.0f) {
        m_hist[total_bins / 2] += double(n);
        return;
    }
    // bin(v) = clamp(floor((v + A) · total_bins / 2A), 0, total_bins − 1). The indices are
    // computed a block at a time by a branch-free loop (it vectorises); a non-finite value gets
    // the spare index total_bins and is dropped. Counting then goes to four interleaved integer
    // histograms, so that runs of one value (a ReLU's zeros) do not serialise on one counter;
    // the integer sums are exact and are added to m_hist at the end.
    const double inv_width = total_bins / (2.0 * m_absMax);
    const double absMax = m_absMax;
    constexpr int64_t kBlock = 1024;
    constexpr int kWays = 4;
    const int stride = total_bins + 1;
    using Floats = float __attribute__((vector_size(32)));
    using Doubles = double __attribute__((vector_size(64)));
    using Ints = int32_t __attribute__((vector_size(32)));
    int32_t bins[kBlock];
    std::vector<uint64_t> counts(static_cast<size_t>(kWays * stride), 0);
    for (int64_t i0 = 0; i0 < n; i0 += kBlock) {
        const int64_t len = std::min(kBlock, n - i0);
        // Eight at a time in vector types (GCC vector extensions; the scalar form did not
        // vectorise). Every |v| ≤ A, so (v + A)·width⁻¹ ≥ 0 and truncation is the floor.
        int64_t i = 0;
        for (; i + 8 <= len; i += 8) {
            Floats v;
            std::memcpy(&v, x + i0 + i, sizeof v);
            const Ints ok = (v < 0 ? -v : v) <= std::numeric_limits<float>::max();
            const Doubles t = (__builtin_convertvector(ok ? v : 0.0f, Doubles) + absMax) * inv_width;
            Ints b = __builtin_convertvector(t, Ints);
            b = b > total_bins - 1 ? total_bins - 1 : b;
            b = ok ? b : total_bins;
            std::memcpy(bins + i, &b, sizeof b);
        }
        for (; i < len; ++i) {
            const float v = x[i0 + i];
            const bool ok = std::isfinite(v);
            const auto b = static_cast<int32_t>((double(ok ? v : 0.0f) + absMax) * inv_width);
            bins[i] = ok ? std::min(b, total_bins - 1) : total_bins;
        }
        for (int64_t i = 0; i < len; ++i)
            ++counts[static_cast<size_t>((i % kWays) * stride + bins[i])];
    }
    for (int b = 0; b < total_bins; ++b) {
        uint64_t c = 0;
        for (int way = 0; way < kWays; ++way)
            c += counts[static_cast<size_t>(way * stride + b)];
        m_hist[static_cast<size_t>(b)] += double(c);
    }
}

std::pair<float, float> Observer::range() const
{
    if (m_count == 0)
        return {0.0f, 0.0f};
    switch (m_options.kind) {
    case ObserverKind::MinMax: return {m_min, m_max};
    case ObserverKind::MovingAverageMinMax: return {m_avgMin, m_avgMax};
    case ObserverKind::Dynamic: return {m_lastMin, m_lastMax};
    case ObserverKind::Percentile: return percentileRange();
    case ObserverKind::Mse: return mseRange();
    case ObserverKind::Entropy: return entropyRange();
    }
    return {m_min, m_max};
}

std::pair<float, float> Observer::rangeFor(const ObserverOptions& o) const
{
    Observer other(*this);
    other.m_options.kind = o.kind;
    other.m_options.percentile = o.percentile;
    other.m_options.spec = o.spec;
    if (other.usesHistogram() && m_hist.empty())
        other.m_options.kind = ObserverKind::MinMax;
    return other.range();
}

namespace {

// Value below which a fraction q of a histogram's mass lies; bins of `width` from `origin`.
double histogramQuantile(const std::vector<double>& hist, double origin, double width, double q)
{
    double total = 0.0;
    for (double c : hist)
        total += c;
    const double target = q * total;
    double cumulative = 0.0;
    for (size_t b = 0; b < hist.size(); ++b) {
        if (hist[b] > 0.0 && cumulative + hist[b] >= target) {
            const double fraction = (target - cumulative) / hist[b];
            return origin + (double(b) + fraction) * width;
        }
        cumulative += hist[b];
    }
    return origin + double(hist.size()) * width;
}

} // namespace

double Observer::quantile(double q) const
{
    const double width = 2.0 * m_absMax / double(m_hist.size());
    return histogramQuantile(m_hist, -double(m_absMax), width, q);
}

std::pair<float, float> Observer::percentileRange() const
{
    const double p = std::clamp(m_options.percentile, 0.0, 100.0) / 100.0;
    if (m_options.spec.scheme == QuantSpec::Scheme::Symmetric) {
        const int half = m_options.bins;
        std::vector<double> folded(half, 0.0); // |x| over [0, A]
        for (int j = 0; j < half; ++j)
            folded[j] = m_hist[half + j] + m_hist[half - 1 - j];
        const double t = histogramQuantile(folded, 0.0, double(m_absMax) / half, p);
        return {std::max(m_min, float(-t)), std::min(m_max, float(t))};
    }
    const double lo = quantile(1.0 - p);
    const double hi = quantile(p);
    return {std::max(m_min, float(lo)), std::min(m_max, float(hi))};
}

std::pair<float, float> Observer::mseRange() const
{
    const float lo = std::min(m_min, 0.0f);
    const float hi = std::max(m_max, 0.0f);
    if (lo == hi)
        return {m_min, m_max};
    const int total_bins = static_cast<int>(m_hist.size());
    const double width = 2.0 * m_absMax / total_bins;
    const int32_t qmin = m_options.spec.qmin();
    const int32_t qmax = m_options.spec.qmax();
    double best_error = std::numeric_limits<double>::infinity();
    float best_alpha = 1.0f;
    constexpr int kSteps = 400;
    for (int step = kSteps; step >= 1; --step) {
        const float alpha = float(step) / kSteps;
        const QuantParams p = chooseQuantParams(lo * alpha, hi * alpha, m_options.spec);
        const double scale = p.scale[0];
        // The range the codes can actually represent.
        const double range_lo = scale * double(qmin - p.zeroPoint[0]);
        const double range_hi = scale * double(qmax - p.zeroPoint[0]);
        const double noise = scale * scale / 12.0;
        double error = 0.0;
        for (int b = 0; b < total_bins; ++b) {
            if (m_hist[b] == 0.0)
                continue;
            const double centre = -double(m_absMax) + (b + 0.5) * width;
            double e = noise;
            if (centre < range_lo)
                e = (centre - range_lo) * (centre - range_lo);
            else if (centre > range_hi)
                e = (centre - range_hi) * (centre - range_hi);
            error += e * m_hist[b];
        }
        if (error < best_error) { // strict: on ties keep the wider range
            best_error = error;
            best_alpha = alpha;
        }
    }
    return {std::max(m_min, lo * best_alpha), std::min(m_max, hi * best_alpha)};
}

std::pair<float, float> Observer::entropyRange() const
{
    const int bins = m_options.bins; // bins of |x| over [0, A]
    std::vector<double> hist(bins, 0.0);
    for (int j = 0; j < bins; ++j)
        hist[j] = m_hist[bins + j] + m_hist[bins - 1 - j];
    const int levels = 1 << std::min(m_options.spec.bits - 1, 20);
    if (levels >= bins || m_absMax == 0.0f)
        return {m_min, m_max};
    const double width = double(m_absMax) / bins;

    double best_kl = std::numeric_limits<double>::infinity();
    int best_i = bins;
    std::vector<double> p(bins), q(bins);
    for (int i = levels; i <= bins; ++i) {
        // P: the first i bins, with everything beyond folded into the last one (clipping).
        double outliers = 0.0;
        for (int j = i; j < bins; ++j)
            outliers += hist[j];
        std::copy(hist.begin(), hist.begin() + i, p.begin());
        p[i - 1] += outliers;
        // Q: hist[0, i) merged into `levels` groups, each group's mass spread evenly over the
        // group's non-empty bins of P (empty bins stay empty, as quantized values would).
        std::fill(q.begin(), q.begin() + i, 0.0);
        const double merged = double(i) / levels;
        for (int level = 0; level < levels; ++level) {
            const int start = static_cast<int>(std::floor(level * merged));
            const int stop = level == levels - 1 ? i : static_cast<int>(std::floor((level + 1) * merged));
            double mass = 0.0;
            int nonzero = 0;
            for (int j = start; j < stop; ++j) {
                mass += hist[j];
                nonzero += p[j] != 0.0 ? 1 : 0;
            }
            if (nonzero == 0)
                continue;
            for (int j = start; j < stop; ++j)
                if (p[j] != 0.0)
                    q[j] = mass / nonzero;
        }
        double p_sum = 0.0, q_sum = 0.0;
        for (int j = 0; j < i; ++j) {
            p_sum += p[j];
            q_sum += q[j];
        }
        if (p_sum == 0.0 || q_sum == 0.0)
            continue;
        // KL(P‖Q); a bin where P > 0 but Q = 0 (only the folded tail bin can be one) gets a
        // tiny Q so the divergence stays finite, like TensorRT's smoothing.
        double kl = 0.0;
        for (int j = 0; j < i; ++j) {
            if (p[j] == 0.0)
                continue;
            const double pj = p[j] / p_sum;
            const double qj = std::max(q[j] / q_sum, 1e-12);
            kl += pj * std::log(pj / qj);
        }
        if (kl < best_kl) {
            best_kl = kl;
            best_i = i;
        }
    }
    const float t = static_cast<float>(best_i * width);
    return {std::max(m_min, -t), std::min(m_max, t)};
}

void weightRanges(const float* w, int64_t channels, int64_t inner, bool perChannel,
                  ObserverKind kind, const QuantSpec& spec, std::vector<float>* lo,
                  std::vector<float>* hi)
{
    if (!perChannel) {
        inner *= channels;
        channels = 1;
    }
    lo->assign(channels, 0.0f);
    hi->assign(channels, 0.0f);
    for (int64_t c = 0; c < channels; ++c) {
        ObserverOptions options;
        options.kind = kind == ObserverKind::Mse ? ObserverKind::Mse : ObserverKind::MinMax;
        options.spec = spec;
        Observer observer(options);
        observer.observe(w + c * inner, inner);
        const auto r = observer.range();
        (*lo)[c] = r.first;
        (*hi)[c] = r.second;
    }
}

} // namespace ql
