#pragma once
// Calibration observers (spec §2): each watches float batches of one tensor and proposes a
// clipping range (lo, hi) from which chooseQuantParams() makes (S, Z).
//
//   minmax                 exact running min / max.
//   moving_average_minmax  PyTorch's MovingAverageMinMaxObserver: the first batch sets
//                          (min, max), then x ← x + c·(batch_x − x), c = averaging constant
//                          (0.01), in float32.
//   percentile             from a histogram (see below): symmetric schemes take the p-th
//                          percentile of |x| (range ±P_p(|x|)); affine schemes the two tails
//                          (P_{100−p}(x), P_p(x)). Linear interpolation inside a bin, so the
//                          answer is within one bin width of the exact percentile.
//   mse                    the range (lo·α, hi·α), α ∈ {1/400 … 400/400}, minimising the expected
//                          quantization MSE of the histogram for the QuantSpec: in-range mass
//                          costs S²/12 (uniform rounding noise), clipped mass (x − bound)².
//   entropy                TensorRT's KL-divergence calibration on a histogram of |x|: for each
//                          threshold bin i ≥ 2^(b−1) (128 for 8 bits), P = hist[0, i) with the
//                          tail folded into its last bin, Q = P merged into 2^(b−1) levels and
//                          expanded back over P's non-empty bins; the i minimising KL(P‖Q) gives
//                          t = i · bin width and the range (max(min, −t), min(max, t)).
//   dynamic                no calibration: (min, max) of the LAST batch, what a dynamic
//                          quantizer would use for it.
//
// Histogram: `bins` (default 2048) equal bins over [−A, A], A the largest |x| seen so far.
// When a batch raises A, existing counts are re-binned by their bin centres into the wider
// grid (deterministic; a bin's mass moves as a whole). Everything is deterministic: same
// batches in the same order give the same range.

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/quant/quant_params.h"

namespace ql {

enum class ObserverKind { MinMax, MovingAverageMinMax, Percentile, Mse, Entropy, Dynamic };
const char* observerKindName(ObserverKind k); // "minmax", "moving_average_minmax", ...
bool parseObserverKind(const std::string& name, ObserverKind* out);
std::string observerKindNames();

struct ObserverOptions
{
    ObserverKind kind = ObserverKind::MinMax;
    double percentile = 99.99;       // (0, 100]
    float averagingConstant = 0.01f; // moving average c
    int bins = 2048;                 // histogram bins (even, ≥ 256)
    QuantSpec spec;                  // target quantizer (mse, entropy, percentile scheme)
};

class Observer
{
public:
    explicit Observer(ObserverOptions options = {});

    void observe(const float* x, int64_t n);
    void observe(const std::vector<float>& x) { observe(x.data(), int64_t(x.size())); }

    // The proposed clipping range; (0, 0) before any finite value was seen.
    std::pair<float, float> range() const;
    // The range another kind/spec would propose from the SAME collected state (calibration
    // collects once with a histogram-keeping kind, then answers for every layer's config).
    // minmax / dynamic: the tracked min/max (dynamic: of the last batch); moving average: the
    // average tracked while collecting, i.e. with the COLLECTING observer's constant (0.01 by
    // default) — o.averagingConstant is not replayed; percentile / mse / entropy: from the
    // histogram with o's percentile and spec (bins as collected); without a histogram they
    // fall back to min/max.
    std::pair<float, float> rangeFor(const ObserverOptions& o) const;

    int64_t count() const { return m_count; }
    float min() const { return m_min; }
    float max() const { return m_max; }
    const ObserverOptions& options() const { return m_options; }
    const std::vector<double>& histogram() const { return m_hist; } // over [−A, A]
    float histogramLimit() const { return m_absMax; }               // A

private:
    bool usesHistogram() const;
    void addToHistogram(const float* x, int64_t n, float batch_abs_max);
    std::pair<float, float> percentileRange() const;
    std::pair<float, float> mseRange() const;
    std::pair<float, float> entropyRange() const;
    double quantile(double q) const; // of the signed histogram, q ∈ [0, 1]

    ObserverOptions m_options;
    int64_t m_count = 0;
    float m_min;
    float m_max;
    float m_avgMin = 0.0f;
    float m_avgMax = 0.0f;
    float m_lastMin = 0.0f;
    float m_lastMax = 0.0f;
    float m_absMax = 0.0f;
    std::vector<double> m_hist;
};

// Ranges of a weight tensor [channels, inner]: per tensor (channels folded to 1) or per
// channel, by MinMax or Mse (other kinds act as MinMax: weights need no calibration data).
void weightRanges(const float* w, int64_t channels, int64_t inner, bool perChannel,
                  ObserverKind kind, const QuantSpec& spec, std::vector<float>* lo,
                  std::vector<float>* hi);

} // namespace ql
