// Calibration observers (spec §2) on synthetic data with known answers.

#include <QtTest/QtTest>

#include <cmath>

#include "core/quant/observers.h"

using namespace ql;

namespace {

ObserverOptions options(ObserverKind kind)
{
    ObserverOptions o;
    o.kind = kind;
    o.spec.bits = 8;
    o.spec.isSigned = false;
    o.spec.scheme = QuantSpec::Scheme::Affine;
    return o;
}

// Quantization MSE of `data` with the range (lo, hi).
double quantMse(const std::vector<float>& data, std::pair<float, float> range, const QuantSpec& spec)
{
    const QuantParams p = chooseQuantParams(range.first, range.second, spec);
    const std::vector<float> back = dequantize(quantize(data, p), p);
    double e = 0.0;
    for (size_t i = 0; i < data.size(); ++i)
        e += double(back[i] - data[i]) * double(back[i] - data[i]);
    return e / double(data.size());
}

std::vector<float> gaussianWithOutliers(uint64_t seed, int n)
{
    Rng rng(seed);
    std::vector<float> v;
    for (int i = 0; i < n; ++i) {
        // Box–Muller
        const double u1 = std::max(rng.uniform(), 1e-12), u2 = rng.uniform();
        v.push_back(float(std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * M_PI * u2)));
    }
    v.push_back(40.0f);
    v.push_back(-25.0f);
    return v;
}

} // namespace

class TestQuantObservers : public QObject
{
    Q_OBJECT

private slots:
    void names();
    void minmaxExact();
    void movingAverage();
    void dynamicUsesLastBatch();
    void percentileOfRamp();
    void percentileSymmetricUsesAbs();
    void mseShrinksRangeWithOutliers();
    void entropyDeterministicAndInRange();
    void rebinningKeepsMass();
    void weightRangesPerChannel();
    void emptyObserver();
};

void TestQuantObservers::names()
{
    for (ObserverKind k : {ObserverKind::MinMax, ObserverKind::MovingAverageMinMax,
                           ObserverKind::Percentile, ObserverKind::Mse, ObserverKind::Entropy,
                           ObserverKind::Dynamic}) {
        ObserverKind back = ObserverKind::MinMax;
        QVERIFY(parseObserverKind(observerKindName(k), &back));
        QCOMPARE(back, k);
    }
}

void TestQuantObservers::minmaxExact()
{
    Observer o(options(ObserverKind::MinMax));
    o.observe({1.0f, -2.5f, 3.0f});
    o.observe({0.5f, 7.25f, std::nanf(""), INFINITY});
    QCOMPARE(o.range(), std::make_pair(-2.5f, 7.25f));
    QCOMPARE(o.count(), int64_t(5));
}

void TestQuantObservers::movingAverage()
{
    Observer o(options(ObserverKind::MovingAverageMinMax));
    o.observe({-1.0f, 1.0f});
    QCOMPARE(o.range(), std::make_pair(-1.0f, 1.0f)); // first batch sets it
    o.observe({-3.0f, 11.0f});
    // x + 0.01 · (batch − x), float32
    const float lo = -1.0f + 0.01f * (-3.0f - -1.0f);
    const float hi = 1.0f + 0.01f * (11.0f - 1.0f);
    QCOMPARE(o.range(), std::make_pair(lo, hi));
    o.observe({0.0f, 2.0f});
    QCOMPARE(o.range().second, hi + 0.01f * (2.0f - hi));
    QCOMPARE(o.min(), -3.0f); // the plain min/max are still tracked
}

void TestQuantObservers::dynamicUsesLastBatch()
{
    Observer o(options(ObserverKind::Dynamic));
    o.observe({-5.0f, 5.0f});
    o.observe({-1.0f, 2.0f});
    QCOMPARE(o.range(), std::make_pair(-1.0f, 2.0f));
}

void TestQuantObservers::percentileOfRamp()
{
    // Uniform ramp 0 … 1000 (100001 values): P99 = 990, P1 = 10 (two tails, affine).
    std::vector<float> ramp;
    for (int i = 0; i <= 100000; ++i)
        ramp.push_back(float(i) * 0.01f);
    ObserverOptions opt = options(ObserverKind::Percentile);
    opt.percentile = 99.0;
    Observer o(opt);
    // In two batches, the second widening the histogram.
    o.observe(std::vector<float>(ramp.begin(), ramp.begin() + 50000));
    o.observe(std::vector<float>(ramp.begin() + 50000, ramp.end()));
    const double bin = 2.0 * 1000.0 / (2 * opt.bins);
    const auto r = o.range();
    QVERIFY2(std::fabs(r.second - 990.0) <= 2 * bin, qPrintable(QString::number(r.second)));
    QVERIFY2(std::fabs(r.first - 10.0) <= 2 * bin, qPrintable(QString::number(r.first)));
    opt.percentile = 100.0;
    Observer all(opt);
    all.observe(ramp);
    QCOMPARE(all.range().second, 1000.0f);
    QCOMPARE(all.range().first, 0.0f);
}

void TestQuantObservers::percentileSymmetricUsesAbs()
{
    // Symmetric ramp −100 … 100: P90 of |x| = 90.
    std::vector<float> v;
    for (int i = -10000; i <= 10000; ++i)
        v.push_back(float(i) * 0.01f);
    ObserverOptions opt = options(ObserverKind::Percentile);
    opt.spec.isSigned = true;
    opt.spec.scheme = QuantSpec::Scheme::Symmetric;
    opt.percentile = 90.0;
    Observer o(opt);
    o.observe(v);
    const auto r = o.range();
    QVERIFY(std::fabs(r.second - 90.0f) < 0.2f);
    QCOMPARE(r.first, -r.second);
}

void TestQuantObservers::mseShrinksRangeWithOutliers()
{
    const std::vector<float> data = gaussianWithOutliers(5, 20000);
    Observer minmax(options(ObserverKind::MinMax));
    Observer mse(options(ObserverKind::Mse));
    minmax.observe(data);
    mse.observe(data);
    const auto rm = minmax.range();
    const auto rs = mse.range();
    QVERIFY(rs.first >= rm.first);
    QVERIFY(rs.second <= rm.second);
    QVERIFY(rs.second - rs.first < rm.second - rm.first); // actually clipped the outliers
    const QuantSpec spec = options(ObserverKind::Mse).spec;
    QVERIFY(quantMse(data, rs, spec) < quantMse(data, rm, spec));
    // Deterministic.
    Observer again(options(ObserverKind::Mse));
    again.observe(data);
    QCOMPARE(again.range(), rs);
}

void TestQuantObservers::entropyDeterministicAndInRange()
{
    const std::vector<float> data = gaussianWithOutliers(9, 20000);
    ObserverOptions opt = options(ObserverKind::Entropy);
    opt.spec.isSigned = true;
    opt.spec.scheme = QuantSpec::Scheme::Symmetric;
    Observer a(opt), b(opt);
    a.observe(data);
    b.observe(data);
    QCOMPARE(a.range(), b.range());
    const auto r = a.range();
    QVERIFY(r.first >= -25.0f && r.second <= 40.0f);
    QVERIFY(r.second > 1.0f);   // keeps the bulk of a unit Gaussian
    QVERIFY(r.second < 40.0f);  // and clips the outlier
    QVERIFY(r.first <= -1.0f);
}

void TestQuantObservers::rebinningKeepsMass()
{
    Observer o(options(ObserverKind::Percentile));
    o.observe({0.0f, 0.0f});
    o.observe({1.0f, -1.0f, 0.5f});
    o.observe({100.0f});
    double total = 0.0;
    for (double c : o.histogram())
        total += c;
    QCOMPARE(total, 6.0);
    QCOMPARE(o.histogramLimit(), 100.0f);
}

void TestQuantObservers::weightRangesPerChannel()
{
    const std::vector<float> w{1.0f, -2.0f, 3.0f, 0.5f, 0.25f, -0.125f};
    std::vector<float> lo, hi;
    QuantSpec spec;
    weightRanges(w.data(), 2, 3, true, ObserverKind::MinMax, spec, &lo, &hi);
    QCOMPARE(lo, (std::vector<float>{-2.0f, -0.125f}));
    QCOMPARE(hi, (std::vector<float>{3.0f, 0.5f}));
    weightRanges(w.data(), 2, 3, false, ObserverKind::MinMax, spec, &lo, &hi);
    QCOMPARE(lo, (std::vector<float>{-2.0f}));
    QCOMPARE(hi, (std::vector<float>{3.0f}));
    const std::vector<float> outlier = gaussianWithOutliers(3, 5000);
    weightRanges(outlier.data(), 1, int64_t(outlier.size()), true, ObserverKind::Mse, spec, &lo, &hi);
    QVERIFY(hi[0] < 40.0f);
}

void TestQuantObservers::emptyObserver()
{
    for (ObserverKind k : {ObserverKind::MinMax, ObserverKind::Percentile, ObserverKind::Mse,
                           ObserverKind::Entropy}) {
        Observer o(options(k));
        QCOMPARE(o.range(), std::make_pair(0.0f, 0.0f));
        o.observe({0.0f, 0.0f});
        QCOMPARE(o.range(), std::make_pair(0.0f, 0.0f));
    }
}

QTEST_GUILESS_MAIN(TestQuantObservers)
#include "test_quant_observers.moc"
