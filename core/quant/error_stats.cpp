#include "core/quant/error_stats.h"

#include <algorithm>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/isa/kernel_choice.h"

namespace ql {

namespace {

// The histogram sample: global indices that are multiples of the stride (no per-element
// division: start at the first such index and step), appended to err and refs. Sized up front,
// so the loop has no push_back (it vectorises when the stride is 1, every element kept).
template <typename Deq>
void appendSample(std::vector<float>& err, std::vector<float>& refs, const float* ref, int64_t n,
                  int64_t offset, int64_t stride, Deq deq)
{
    const int64_t rem = offset % stride;
    const int64_t first = rem == 0 ? 0 : stride - rem;
    if (first >= n)
        return;
    const int64_t taken = (n - 1 - first) / stride + 1;
    const size_t base = err.size();
    err.resize(base + static_cast<size_t>(taken));
    refs.resize(base + static_cast<size_t>(taken));
    float* e = err.data() + base;
    float* r = refs.data() + base;
    for (int64_t s = 0; s < taken; ++s) {
        const int64_t j = first + s * stride;
        e[s] = static_cast<float>(double(deq(j)) - double(ref[j]));
        r[s] = ref[j];
    }
}

} // namespace

int64_t Histogram::total() const
{
    int64_t t = 0;
    for (int64_t c : counts)
        t += c;
    return t;
}

Histogram Histogram::build(const std::vector<float>& values, int bins, double lo, double hi)
{
    Histogram h;
    h.lo = lo;
    h.hi = hi > lo ? hi : lo + 1e-12;
    h.counts.assign(static_cast<size_t>(std::max(bins, 1)), 0);
    const double width = (h.hi - h.lo) / h.counts.size();
    const auto last = static_cast<double>(h.counts.size() - 1);
    // In blocks: first every value's bin (a loop without stores to the counts, which
    // vectorises), then the counting, spread over four count arrays so that a run of values in
    // one bin does not chain every increment on the previous one; the arrays are summed at the
    // end (integer counts: the same result in any order).
    constexpr size_t kBlock = 512;
    constexpr size_t kWays = 4;
    const size_t binCount = h.counts.size();
    std::vector<int64_t> ways(kWays * binCount, 0);
    int32_t binOf[kBlock];
    for (size_t begin = 0; begin < values.size(); begin += kBlock) {
        const size_t n = std::min(kBlock, values.size() - begin);
        const float* v = values.data() + begin;
        for (size_t k = 0; k < n; ++k) {
            // clamp(floor(t), 0, last) without a libm call: for 0 ≤ t < last the truncation is
            // the floor; below 0 (or NaN) the first bin, from last on the last.
            const double t = (v[k] - h.lo) / width;
            const double clamped = t >= 0.0 ? (t < last ? t : last) : 0.0;
            binOf[k] = static_cast<int32_t>(clamped);
        }
        for (size_t k = 0; k < n; ++k)
            ways[(k % kWays) * binCount + static_cast<size_t>(binOf[k])]++;
    }
    for (size_t way = 0; way < kWays; ++way)
        for (size_t bin = 0; bin < binCount; ++bin)
            h.counts[bin] += ways[way * binCount + bin];
    return h;
}

Histogram Histogram::build(const std::vector<float>& values, int bins)
{
    if (values.empty())
        return build(values, bins, 0.0, 1.0);
    const auto [mn, mx] = std::minmax_element(values.begin(), values.end());
    double lo = *mn, hi = *mx;
    if (hi - lo < 1e-12) { // a single value: centre a small range on it
        lo -= 0.5;
        hi += 0.5;
    }
    return build(values, bins, lo, hi);
}

ErrorAccumulator::ErrorAccumulator(int64_t totalElements)
    : m_stride(totalElements > kHistogramSamples
                   ? (totalElements + kHistogramSamples - 1) / kHistogramSamples
                   : 1),
      m_sampleSize(totalElements > 0 ? (totalElements + m_stride - 1) / m_stride : 0)
{
}

void ErrorAccumulator::reserveSample()
{
    m_errSample.reserve(static_cast<size_t>(m_sampleSize));
    m_refSample.reserve(static_cast<size_t>(m_sampleSize));
}

void ErrorAccumulator::considerWorst(double absE, int64_t offset)
{
    if (offset < 0)
        return;
    if (m_worstOffset < 0 || absE > m_worstAbs || (absE == m_worstAbs && offset < m_worstOffset)) {
        m_worstAbs = absE;
        m_worstOffset = offset;
    }
}

// The sums run in kErrorLanes interleaved partial sums (element i feeds lane i mod kErrorLanes,
// lanes combined in lane order at the end of the call) on the path activeIsa() chose: independent
// lanes vectorise, and the result depends only on the values and how they are split into add()
// calls — which the engine fixes independently of the thread count.
ErrorLanes ErrorAccumulator::startLanes(const float* ref, int64_t n)
{
    if (n > 0 && m_empty) {
        m_refMin = m_refMax = ref[0];
        m_empty = false;
    }
    ErrorLanes lanes;
    for (int l = 0; l < kErrorLanes; ++l) {
        lanes.sumE[l] = lanes.sumE2[l] = lanes.sumR2[l] = lanes.sumD2[l] = lanes.sumRD[l] = 0.0;
        lanes.maxAbs[l] = m_maxAbs;
        lanes.refMin[l] = m_refMin;
        lanes.refMax[l] = m_refMax;
        lanes.callMax[l] = -1.0; // the largest |e| of this call, per lane (−1: none yet)
        lanes.worstAt[l] = -1;
    }
    return lanes;
}

// Combines the call's lanes, and keeps the first element (smallest offset) with the call's
// largest |e|: the smallest of the lanes' first indices among the lanes that reached it.
void ErrorAccumulator::finishLanes(const ErrorLanes& lanes, int64_t n, int64_t offset)
{
    double worst = -1.0;
    int64_t worstAt = -1;
    for (int l = 0; l < kErrorLanes; ++l) {
        m_sumE += lanes.sumE[l];
        m_sumE2 += lanes.sumE2[l];
        m_sumR2 += lanes.sumR2[l];
        m_sumD2 += lanes.sumD2[l];
        m_sumRD += lanes.sumRD[l];
        m_maxAbs = std::max(m_maxAbs, lanes.maxAbs[l]);
        m_refMin = std::min(m_refMin, lanes.refMin[l]);
        m_refMax = std::max(m_refMax, lanes.refMax[l]);
        if (lanes.worstAt[l] < 0)
            continue;
        if (lanes.callMax[l] > worst || (lanes.callMax[l] == worst && lanes.worstAt[l] < worstAt)) {
            worst = lanes.callMax[l];
            worstAt = lanes.worstAt[l];
        }
    }
    if (worstAt >= 0)
        considerWorst(worst, offset + worstAt);
    m_count += n;
    m_clipLow += lanes.clipLow;
    m_clipHigh += lanes.clipHigh;
}

void ErrorAccumulator::add(const float* ref, const float* deq, int64_t n, int64_t offset,
                           int64_t clipLow, int64_t clipHigh, int64_t overflows)
{
    ErrorLanes lanes = startLanes(ref, n);
    QL_ACTIVE_KERNEL(errorSums)(ref, deq, n, &lanes);
    lanes.clipLow = clipLow;
    lanes.clipHigh = clipHigh;
    finishLanes(lanes, n, offset);
    appendSample(m_errSample, m_refSample, ref, n, offset, m_stride,
                 [deq](int64_t j) { return deq[j]; });
    m_overflows += overflows;
}

void ErrorAccumulator::addCodes(const float* ref, const int32_t* codes, int64_t n, int64_t offset,
                                const CodeDequant& dq, int64_t overflows)
{
    ErrorLanes lanes = startLanes(ref, n);
    QL_ACTIVE_KERNEL(codeErrorSums)(ref, codes, n, dq, &lanes);
    finishLanes(lanes, n, offset);
    appendSample(m_errSample, m_refSample, ref, n, offset, m_stride, [&](int64_t j) {
        return static_cast<float>(codes[j] - dq.zeroPoint) * dq.scale;
    });
    m_overflows += overflows;
}

void ErrorAccumulator::merge(const ErrorAccumulator& o)
{
    if (o.m_count == 0)
        return;
    if (m_empty) {
        m_refMin = o.m_refMin;
        m_refMax = o.m_refMax;
        m_empty = false;
    }
    m_count += o.m_count;
    m_sumE += o.m_sumE;
    m_sumE2 += o.m_sumE2;
    m_sumR2 += o.m_sumR2;
    m_sumD2 += o.m_sumD2;
    m_sumRD += o.m_sumRD;
    m_maxAbs = std::max(m_maxAbs, o.m_maxAbs);
    m_refMin = std::min(m_refMin, o.m_refMin);
    m_refMax = std::max(m_refMax, o.m_refMax);
    m_clipLow += o.m_clipLow;
    m_clipHigh += o.m_clipHigh;
    m_overflows += o.m_overflows;
    considerWorst(o.m_worstAbs, o.m_worstOffset);
    m_errSample.insert(m_errSample.end(), o.m_errSample.begin(), o.m_errSample.end());
    m_refSample.insert(m_refSample.end(), o.m_refSample.begin(), o.m_refSample.end());
}

std::pair<double, double> ErrorAccumulator::errorSampleRange() const
{
    if (m_errSample.empty())
        return {0.0, 0.0};
#if defined(__SSE2__)
    // The sample is up to 100,000 floats per layer and pass: a 4-lane minps/maxps scan. Its
    // values equal minmax_element's unless the sample holds a NaN (which the comparisons order
    // by position) or an extreme is a zero (whose sign minmax_element takes from the first
    // smallest / last largest element): then the exact scan below decides.
    const float* e = m_errSample.data();
    const size_t n = m_errSample.size();
    __m128 lo = _mm_set1_ps(e[0]), hi = lo, nan = _mm_setzero_ps();
    size_t i = 0;
    for (; i + 4 <= n; i += 4) {
        const __m128 v = _mm_loadu_ps(e + i);
        lo = _mm_min_ps(v, lo);
        hi = _mm_max_ps(v, hi);
        nan = _mm_or_ps(nan, _mm_cmpunord_ps(v, v));
    }
    for (; i < n; ++i) {
        const __m128 v = _mm_set1_ps(e[i]);
        lo = _mm_min_ps(v, lo);
        hi = _mm_max_ps(v, hi);
        nan = _mm_or_ps(nan, _mm_cmpunord_ps(v, v));
    }
    float los[4], his[4];
    _mm_storeu_ps(los, lo);
    _mm_storeu_ps(his, hi);
    const float low = std::min({los[0], los[1], los[2], los[3]});
    const float high = std::max({his[0], his[1], his[2], his[3]});
    if (_mm_movemask_ps(nan) == 0 && low != 0.0f && high != 0.0f)
        return {low, high};
#endif
    const auto [first, last] = std::minmax_element(m_errSample.begin(), m_errSample.end());
    return {*first, *last};
}

std::pair<double, double> commonErrorRange(const ErrorAccumulator& a, const ErrorAccumulator& b)
{
    std::pair<double, double> range{0.0, 0.0};
    bool any = false;
    for (const ErrorAccumulator* acc : {&a, &b}) {
        if (acc->sampledErrors() == 0)
            continue;
        const auto r = acc->errorSampleRange();
        range = any ? std::pair{std::min(range.first, r.first), std::max(range.second, r.second)} : r;
        any = true;
    }
    if (range.second - range.first < 1e-12) { // one value (or none): a small range around it
        range.first -= 0.5;
        range.second += 0.5;
    }
    return range;
}

ErrorStats ErrorAccumulator::finish(double clipMin, double clipMax,
                                    const std::pair<double, double>* errorRange) const
{
    ErrorStats s;
    s.count = m_count;
    s.overflows = m_overflows;
    s.clipMin = clipMin;
    s.clipMax = clipMax;
    s.refMin = m_refMin;
    s.refMax = m_refMax;
    if (m_count > 0) {
        const double n = static_cast<double>(m_count);
        s.meanError = m_sumE / n;
        s.mse = m_sumE2 / n;
        s.maxAbsError = m_maxAbs;
        // SQNR = 10·log10(Σr² / Σe²); an error-free tensor is capped at 200 dB.
        s.sqnrDb = m_sumE2 > 0 ? std::min(200.0, 10.0 * std::log10(m_sumR2 / m_sumE2)) : 200.0;
        if (m_sumR2 == 0 && m_sumE2 > 0)
            s.sqnrDb = -200.0;
        const double norm = std::sqrt(m_sumR2) * std::sqrt(m_sumD2);
        s.cosine = norm > 0 ? m_sumRD / norm : (m_sumE2 == 0 ? 1.0 : 0.0);
        s.clipLowRate = static_cast<double>(m_clipLow) / n;
        s.clipHighRate = static_cast<double>(m_clipHigh) / n;
    }
    s.errorHist = errorRange ? Histogram::build(m_errSample, kHistogramBins, errorRange->first,
                                                errorRange->second)
                             : Histogram::build(m_errSample, kHistogramBins);
    // The value histogram spans the reference values and the clipping range together so
    // that the range markers always fall inside the plot.
    double lo = std::min(m_refMin, clipMin), hi = std::max(m_refMax, clipMax);
    s.valueHist = Histogram::build(m_refSample, kHistogramBins, lo, hi);
    return s;
}

} // namespace ql
