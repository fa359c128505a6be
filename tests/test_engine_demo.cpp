// The integer engine on the demo models (resources/models/multiexit_cnn.onnx and mlp.onnx),
// calibrated on resources/data/calib (500 images) and evaluated on resources/data/eval:
//   * W8A8 (per-channel weights, half_even): every exit's quantized top-1 within 1.0 point of
//     FP32 — on the whole eval set (1,000 images);
//   * drift: toward_zero's propagated mean error grows with depth and is clearly non-zero,
//     half_even's stays near zero — first 200 eval images;
//   * fixed_point vs float requantization: every layer's codes within 1 LSB, ≥ 99 % identical —
//     first 200 eval images;
//   * 16-bit weights and activations: forced int32 accumulators overflow (and wreck accuracy),
//     int64 and auto give identical results and keep FP32 accuracy — first 200 eval images;
//   * the report does not depend on the thread count (stochastic rounding) — first 100 images;
//   * nor on the kernel path: every instruction set this CPU supports gives the scalar path's
//     report, to the last bit of its JSON — first 100 images.
// Thresholds are stated where they are used; the tests print the measured values (qInfo).

#include <QtTest/QtTest>

#include <cmath>

#include "core/isa/cpu_isa.h"
#include "core/onnx_import.h"
#include "core/quant/engine.h"
#include "core/quant/report_io.h"
#include "isa_env.h"

using namespace ql;

namespace {

const std::string kResources = QL_RESOURCE_DIR;

Dataset firstImages(const Dataset& d, int64_t n)
{
    Dataset out = d;
    n = std::min(n, d.size());
    out.images = d.slice(0, n);
    out.files.resize(static_cast<size_t>(n));
    out.labels.resize(static_cast<size_t>(n));
    return out;
}

// Propagated mean error in units of the layer's output LSB (S), for quantized layers.
std::vector<double> driftInLsb(const EvaluationReport& r)
{
    std::vector<double> out;
    for (const LayerReport& L : r.layers)
        if (L.quantized && !L.outputParams.scale.empty())
            out.push_back(L.propagated.meanError / L.outputParams.scale[0]);
    return out;
}

QString joined(const std::vector<double>& v)
{
    QStringList s;
    for (double x : v)
        s << QString::number(x, 'f', 3);
    return s.join(' ');
}

} // namespace

class TestEngineDemo : public QObject
{
    Q_OBJECT

    Model m_cnn, m_mlp;
    Dataset m_calibCnn, m_evalCnn, m_calibMlp, m_evalMlp;
    CalibrationStats m_statsCnn, m_statsMlp;

private slots:
    void initTestCase()
    {
        if (const QString why = forcedIsaUnavailable(); !why.isEmpty())
            QSKIP(qPrintable(why));
        qInfo("kernels: %s", isaName(activeIsa()));
        m_cnn = loadOnnxModel(kResources + "/models/multiexit_cnn.onnx");
        m_mlp = loadOnnxModel(kResources + "/models/mlp.onnx");
        QCOMPARE(m_cnn.exits.size(), size_t(3));
        m_calibCnn = loadImageFolder(kResources + "/data/calib", defaultPreprocess(m_cnn));
        m_evalCnn = loadImageFolder(kResources + "/data/eval", defaultPreprocess(m_cnn));
        m_calibMlp = loadImageFolder(kResources + "/data/calib", defaultPreprocess(m_mlp));
        m_evalMlp = loadImageFolder(kResources + "/data/eval", defaultPreprocess(m_mlp));
        QCOMPARE(m_evalCnn.size(), int64_t(1000));
        QVERIFY(m_evalCnn.labelled());
        m_statsCnn = calibrate(m_cnn, m_calibCnn);
        m_statsMlp = calibrate(m_mlp, m_calibMlp);
    }

    void w8a8AccuracyWithinOnePoint_data()
    {
        QTest::addColumn<bool>("cnn");
        QTest::newRow("multiexit_cnn") << true;
        QTest::newRow("mlp") << false;
    }

    void w8a8AccuracyWithinOnePoint()
    {
        QFETCH(bool, cnn);
        const Model& model = cnn ? m_cnn : m_mlp;
        const QuantizedModel qm =
            buildQuantizedModel(model, presetConfig("w8a8"), cnn ? m_statsCnn : m_statsMlp);
        QCOMPARE(qm.config.defaults.weights.granularity, Granularity::PerChannel);
        QCOMPARE(qm.config.defaults.activations.rounding, RoundingMode::HalfEven);
        const EvaluationReport r = evaluateQuantized(qm, cnn ? m_evalCnn : m_evalMlp);
        QCOMPARE(r.exits.size(), model.exits.size());
        const Fp32EvalResult fp32 = evaluateFp32(model, cnn ? m_evalCnn : m_evalMlp);
        for (size_t e = 0; e < r.exits.size(); ++e) {
            const ExitReport& x = r.exits[e];
            qInfo("%s: FP32 %.2f %%  W8A8 %.2f %%  agreement %.2f %%", x.output.c_str(), x.fp32Top1,
                  x.quantTop1, x.agreement);
            QCOMPARE(x.fp32Top1, fp32.exits[e].top1()); // the engine's FP32 reference is the FP32 model
            QVERIFY2(std::abs(x.quantTop1 - x.fp32Top1) <= 1.0, x.output.c_str());
            QVERIFY(x.agreement >= 95.0);
        }
        QCOMPARE(r.exitPolicy.size(), size_t(11));
        QCOMPARE(r.exitPolicy.back().threshold, 1.0);
        QVERIFY(r.size.compression() > 3.0); // 8-bit weights: about 4× minus biases and scales
        QCOMPARE(r.totalOverflows, int64_t(0));
    }

    void truncationDriftsHalfEvenDoesNot()
    {
        const Dataset eval = firstImages(m_evalCnn, 200);
        EvaluateOptions opts;
        opts.computeLocal = false;
        const EvaluationReport even =
            evaluateQuantized(buildQuantizedModel(m_cnn, presetConfig("w8a8"), m_statsCnn), eval, {}, opts);
        const EvaluationReport trunc = evaluateQuantized(
            buildQuantizedModel(m_cnn, presetConfig("w8a8-trunc"), m_statsCnn), eval, {}, opts);
        const std::vector<double> e = driftInLsb(even), t = driftInLsb(trunc);
        qInfo("mean error / LSB by depth, half_even:   %s", qPrintable(joined(e)));
        qInfo("mean error / LSB by depth, toward_zero: %s", qPrintable(joined(t)));
        QCOMPARE(e.size(), t.size());
        QVERIFY(t.size() >= 6);
        // The last layer (exit3's logits): |mean| under truncation ≥ 5× half_even's, in value units.
        const double lastTrunc = std::abs(trunc.layers.back().propagated.meanError);
        const double lastEven = std::abs(even.layers.back().propagated.meanError);
        const double firstTrunc = std::abs(trunc.layers.front().propagated.meanError);
        qInfo("|mean| first layer: trunc %.4g  half_even %.4g;  last layer: trunc %.4g  half_even %.4g",
              firstTrunc, std::abs(even.layers.front().propagated.meanError), lastTrunc, lastEven);
        QVERIFY(lastTrunc >= 5.0 * lastEven);
        QVERIFY(lastTrunc > firstTrunc);
        // Trend, in LSB units: the deepest third drifts more than the shallowest third, and by
        // more than 0.5 LSB on average (truncation's −½ LSB per rounding, compounded).
        const size_t third = t.size() / 3;
        double firstThird = 0, lastThird = 0, evenMax = 0, evenAvg = 0, truncAvg = 0;
        for (size_t i = 0; i < third; ++i) {
            firstThird += std::abs(t[i]) / third;
            lastThird += std::abs(t[t.size() - 1 - i]) / third;
        }
        for (size_t i = 0; i < t.size(); ++i) {
            evenMax = std::max(evenMax, std::abs(e[i]));
            evenAvg += std::abs(e[i]) / e.size();
            truncAvg += std::abs(t[i]) / t.size();
        }
        qInfo("|mean| / LSB: toward_zero first third %.3f, last third %.3f, all %.3f; half_even all "
              "%.3f, max %.3f", firstThird, lastThird, truncAvg, evenAvg, evenMax);
        QVERIFY(lastThird > firstThird);
        QVERIFY(lastThird > 0.5);
        // half_even stays near zero: a tenth of an LSB on average over the quantized layers and
        // under half an LSB everywhere (a logits layer over K = 784 inputs can carry a small
        // correlated bias), while truncation's average is at least 5× larger.
        QVERIFY(evenAvg < 0.1);
        QVERIFY(evenMax < 0.5);
        QVERIFY(truncAvg >= 5.0 * evenAvg);
    }

    void fixedPointMatchesFloatRequantization()
    {
        const QuantizedModel flt = buildQuantizedModel(m_cnn, presetConfig("w8a8"), m_statsCnn);
        const QuantizedModel fix = buildQuantizedModel(m_cnn, presetConfig("int-only"), m_statsCnn);
        const Tensor batch = m_evalCnn.slice(0, 200);
        const std::vector<TensorDump> a = dumpQuantizedTensors(flt, batch);
        const std::vector<TensorDump> b = dumpQuantizedTensors(fix, batch);
        QCOMPARE(a.size(), b.size());
        int64_t total = 0, same = 0;
        for (size_t i = 0; i < a.size(); ++i) {
            QCOMPARE(a[i].tensor, b[i].tensor);
            QCOMPARE(a[i].params, b[i].params);
            QCOMPARE(a[i].codes.q.size(), b[i].codes.q.size());
            int64_t layerSame = 0;
            for (size_t k = 0; k < a[i].codes.q.size(); ++k) {
                const int32_t d = std::abs(a[i].codes.q[k] - b[i].codes.q[k]);
                if (d > 1)
                    QFAIL(qPrintable(QString("%1: element %2 differs by %3 LSB")
                                         .arg(QString::fromStdString(a[i].tensor)).arg(k).arg(d)));
                layerSame += d == 0;
            }
            total += static_cast<int64_t>(a[i].codes.q.size());
            same += layerSame;
        }
        const double share = 100.0 * same / total;
        qInfo("fixed_point vs float requantization: %.4f %% of %lld codes identical, the rest ±1 LSB",
              share, static_cast<long long>(total));
        QVERIFY(share >= 99.0);
    }

    void sixteenBitNeedsInt64Accumulators()
    {
        const Dataset eval = firstImages(m_evalCnn, 200);
        auto config = [](AccumulatorMode mode) {
            QuantConfig c = presetConfig("w8a8");
            c.defaults.weights.bits = 16;
            c.defaults.activations.bits = 16;
            c.defaults.accumulator = mode;
            return c;
        };
        EvaluateOptions opts;
        opts.computeLocal = false;
        const EvaluationReport r32 = evaluateQuantized(
            buildQuantizedModel(m_cnn, config(AccumulatorMode::Int32), m_statsCnn), eval, {}, opts);
        const EvaluationReport r64 = evaluateQuantized(
            buildQuantizedModel(m_cnn, config(AccumulatorMode::Int64), m_statsCnn), eval, {}, opts);
        const EvaluationReport rAuto = evaluateQuantized(
            buildQuantizedModel(m_cnn, config(AccumulatorMode::Auto), m_statsCnn), eval, {}, opts);
        qInfo("16-bit: overflows int32 %lld, int64 %lld, auto %lld; exit3 top-1 int32 %.1f %%, int64 %.1f %%, "
              "auto %.1f %%, FP32 %.1f %%",
              static_cast<long long>(r32.totalOverflows), static_cast<long long>(r64.totalOverflows),
              static_cast<long long>(rAuto.totalOverflows), r32.exits.back().quantTop1,
              r64.exits.back().quantTop1, rAuto.exits.back().quantTop1, r64.exits.back().fp32Top1);
        QVERIFY(r32.totalOverflows > 0);
        bool anyInt64 = false;
        for (size_t i = 0; i < r64.layers.size(); ++i) {
            QVERIFY(!r32.layers[i].int64Accumulator);
            anyInt64 = anyInt64 || rAuto.layers[i].int64Accumulator;
            // The same exact accumulators: overflows are counted but change nothing.
            QCOMPARE(rAuto.layers[i].propagated.mse, r64.layers[i].propagated.mse);
            QCOMPARE(rAuto.layers[i].accumulatorOverflows, r64.layers[i].accumulatorOverflows);
        }
        QVERIFY(anyInt64);
        for (size_t e = 0; e < r64.exits.size(); ++e) {
            QVERIFY(std::abs(r64.exits[e].quantTop1 - r64.exits[e].fp32Top1) <= 1.0);
            QVERIFY(r64.exits[e].agreement >= 98.0);
        }
        QVERIFY(r32.exits.back().agreement < r64.exits.back().agreement);
    }

    void reportIndependentOfThreadCount()
    {
        QuantConfig cfg = presetConfig("w8a8");
        cfg.defaults.weights.rounding = RoundingMode::Stochastic;
        cfg.defaults.activations.rounding = RoundingMode::Stochastic;
        cfg.defaults.seed = 1234;
        const QuantizedModel qm = buildQuantizedModel(m_cnn, cfg, m_statsCnn);
        const Dataset eval = firstImages(m_evalCnn, 100);
        RunControl one, two;
        one.threads = 1;
        two.threads = 2;
        EvaluateOptions opts;
        opts.batchSize = 60;
        const EvaluationReport a = evaluateQuantized(qm, eval, one, opts);
        const EvaluationReport b = evaluateQuantized(qm, eval, two, opts);
        QCOMPARE(a.layers.size(), b.layers.size());
        for (size_t i = 0; i < a.layers.size(); ++i) {
            for (const auto& [x, y] : {std::pair{&a.layers[i].propagated, &b.layers[i].propagated},
                                       std::pair{&a.layers[i].local, &b.layers[i].local}}) {
                QCOMPARE(x->meanError, y->meanError);
                QCOMPARE(x->mse, y->mse);
                QCOMPARE(x->sqnrDb, y->sqnrDb);
                QCOMPARE(x->maxAbsError, y->maxAbsError);
                QCOMPARE(x->cosine, y->cosine);
                QCOMPARE(x->clipLowRate, y->clipLowRate);
                QCOMPARE(x->errorHist, y->errorHist);
                QCOMPARE(x->valueHist, y->valueHist);
            }
        }
        for (size_t e = 0; e < a.exits.size(); ++e) {
            QCOMPARE(a.exits[e].quantTop1, b.exits[e].quantTop1);
            QCOMPARE(a.exits[e].agreement, b.exits[e].agreement);
        }
        for (size_t p = 0; p < a.exitPolicy.size(); ++p) {
            QCOMPARE(a.exitPolicy[p].quantAccuracy, b.exitPolicy[p].quantAccuracy);
            QCOMPARE(a.exitPolicy[p].quantAvgMacs, b.exitPolicy[p].quantAvgMacs);
        }
    }

    void everyIsaGivesTheSameReport()
    {
        // FP32 reference (shifted-conv kernel) and integer chain (int16 GEMM) on every path.
        const Isa initial = activeIsa();
        const QuantizedModel qm = buildQuantizedModel(m_cnn, presetConfig("w8a8"), m_statsCnn);
        const Dataset eval = firstImages(m_evalCnn, 100);
        setActiveIsa(Isa::Scalar);
        const std::string reference = reportToJson(evaluateQuantized(qm, eval));
        for (Isa isa : supportedIsas()) {
            setActiveIsa(isa);
            const std::string json = reportToJson(evaluateQuantized(qm, eval));
            setActiveIsa(initial);
            QVERIFY2(json == reference, isaName(isa));
        }
        setActiveIsa(initial);
    }

    void cancelLeavesNothing()
    {
        const QuantizedModel qm = buildQuantizedModel(m_cnn, presetConfig("w8a8"), m_statsCnn);
        CancelToken token;
        RunControl ctl;
        ctl.cancel = &token;
        long long reports = 0;
        ctl.progress = [&](long long, long long) {
            if (++reports == 1)
                token.cancel();
        };
        EvaluateOptions opts;
        opts.batchSize = 50;
        QVERIFY_THROWS_EXCEPTION(Cancelled, evaluateQuantized(qm, firstImages(m_evalCnn, 200), ctl, opts));
        QCOMPARE(reports, 1LL);
    }
};

QTEST_GUILESS_MAIN(TestEngineDemo)
#include "test_engine_demo.moc"
