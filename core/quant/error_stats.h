#pragma once
// Error statistics of one quantized tensor against its FP32 reference (spec §5):
//   e = r' − r,  r' = S·(q − Z) the dequantized value, r the FP32 value
// mean error (bias), MSE, SQNR = 10·log10(Σr² / Σe²) dB, max |e|, cosine similarity, the
// share of codes at qmin / qmax (clipping), int32 accumulator overflows, and histograms of e
// and of r (with the clipping range [S·(qmin − Z), S·(qmax − Z)] to draw over the latter).
//
// Sums run over every element of every evaluated image, in double. The histograms are built
// from a deterministic sample — the elements whose global index (image · size + offset) is a
// multiple of a stride fixed up front — so memory stays bounded on large evaluation folders
// and the sample does not depend on how the batch was split across threads.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

#include "core/isa/kernels.h"

namespace ql {

struct Histogram
{
    double lo = 0.0;
    double hi = 0.0;
    std::vector<int64_t> counts;

    double binWidth() const { return counts.empty() ? 0.0 : (hi - lo) / counts.size(); }
    double binCenter(size_t i) const { return lo + (i + 0.5) * binWidth(); }
    int64_t total() const;
    // Equal-width bins over [lo, hi]; values outside are clamped into the end bins.
    static Histogram build(const std::vector<float>& values, int bins, double lo, double hi);
    static Histogram build(const std::vector<float>& values, int bins); // range = data range
    bool operator==(const Histogram&) const = default;
};

struct ErrorStats
{
    int64_t count = 0;
    double meanError = 0.0;   // mean of e: the bias that truncation produces
    double mse = 0.0;
    double sqnrDb = 0.0;      // +inf-free: capped at 200 dB when e == 0 everywhere
    double maxAbsError = 0.0;
    double cosine = 1.0;
    double clipLowRate = 0.0;  // share of codes equal to qmin (while r was below the range)
    double clipHighRate = 0.0; // share of codes equal to qmax (while r was above the range)
    int64_t overflows = 0;     // accumulators that left the int32 range
    double refMin = 0.0, refMax = 0.0; // observed FP32 range during evaluation
    double clipMin = 0.0, clipMax = 0.0; // [S·(qmin − Z), S·(qmax − Z)] (per-tensor output)
    Histogram errorHist;
    Histogram valueHist;
};

// The smallest range holding both accumulators' sampled errors.
std::pair<double, double> commonErrorRange(const class ErrorAccumulator& a,
                                           const class ErrorAccumulator& b);

// Accumulates one tensor's error over batches; merge() combines per-thread partials in a
// fixed order so that results do not depend on the thread count.
class ErrorAccumulator
{
public:
    static constexpr int64_t kHistogramSamples = 100000;
    static constexpr int kHistogramBins = 101;

    // totalElements: how many values this tensor will see over the whole evaluation (sets
    // the sampling stride); 0 = keep every value.
    explicit ErrorAccumulator(int64_t totalElements = 0);

    // ref/deq: n values each, the first being global element `offset`. clipLow/clipHigh:
    // how many of these codes sat at qmin/qmax.
    void add(const float* ref, const float* deq, int64_t n, int64_t offset, int64_t clipLow = 0,
             int64_t clipHigh = 0, int64_t overflows = 0);
    // The same for per-tensor codes, dequantized (and their clips counted) as dq says, in one
    // pass without a float copy of the tensor.
    void addCodes(const float* ref, const int32_t* codes, int64_t n, int64_t offset,
                  const CodeDequant& dq, int64_t overflows = 0);
    void merge(const ErrorAccumulator& other);
    // Room for the whole evaluation's histogram sample (every element of totalElements seen),
    // for the accumulator the partials are merged into: no regrowing copies.
    void reserveSample();
    // errorRange: the [lo, hi] the error histogram is binned over; null = the sample's own
    // range. The evaluator bins a layer's local and propagated errors over their common
    // range (commonErrorRange), so that the two histograms share bins and compare bin by bin.
    ErrorStats finish(double clipMin, double clipMax,
                      const std::pair<double, double>* errorRange = nullptr) const;
    // [min, max] of the sampled errors ({0, 0} when there are none).
    std::pair<double, double> errorSampleRange() const;
    size_t sampledErrors() const { return m_errSample.size(); }
    // Global element offset (as passed to add()) of the largest |e|; ties go to the smallest
    // offset, so the result does not depend on how add()/merge() split the data. -1 = none.
    int64_t worstOffset() const { return m_worstOffset; }

private:
    int64_t m_count = 0;
    double m_sumE = 0, m_sumE2 = 0, m_sumR2 = 0, m_sumD2 = 0, m_sumRD = 0, m_maxAbs = 0;
    double m_refMin = 0, m_refMax = 0;
    int64_t m_clipLow = 0, m_clipHigh = 0, m_overflows = 0;
    int64_t m_stride = 1;
    int64_t m_sampleSize = 0; // histogram sample of totalElements: ⌈totalElements / stride⌉
    double m_worstAbs = -1.0;
    int64_t m_worstOffset = -1;
    void considerWorst(double absE, int64_t offset);
    ErrorLanes startLanes(const float* ref, int64_t n);
    void finishLanes(const ErrorLanes& lanes, int64_t n, int64_t offset);
    bool m_empty = true;
    std::vector<float> m_errSample, m_refSample;
};

} // namespace ql
