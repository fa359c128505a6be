// Incremental re-evaluation (core/quant/incremental_cache.h): evaluateQuantized with a
// ReferenceCache reuses, per work unit, every layer whose fingerprints did not change. After
// every kind of edit — weight and activation bits, rounding, requantization, accumulator, keep
// float, observer, granularity, a global default, the stochastic seed — the report must equal
// a fresh full evaluation's EXACTLY (the JSON of both, every double to the last bit), with
// activations kept, with none kept (budget 0), and with part of them kept. A profiler counts
// the integer layers the propagated chain ran, so the test also proves the work was skipped:
// an edit at the last layer re-runs only the layers after it. Demo CNN, first 50 eval images
// (two work units of 25).

#include <QtTest/QtTest>

#include <functional>

#include "core/onnx_import.h"
#include "core/quant/engine.h"
#include "core/quant/incremental_cache.h"
#include "core/quant/report_io.h"

using namespace ql;

namespace {

const std::string kResources = QL_RESOURCE_DIR;
constexpr int64_t kImages = 50; // two work units of 25

int64_t layerRuns(const Profiler& p)
{
    int64_t calls = 0;
    for (const Profiler::Entry& e : p.totals())
        if (e.opType.rfind("(evaluation)", 0) != 0) // the evaluator's stages are not layer runs
            calls += e.calls;
    return calls;
}

TensorQuantOverride& activations(QuantConfig& c, const std::string& layer)
{
    LayerOverride& o = c.layers[layer];
    if (!o.activations)
        o.activations.emplace();
    return *o.activations;
}

TensorQuantOverride& weights(QuantConfig& c, const std::string& layer)
{
    LayerOverride& o = c.layers[layer];
    if (!o.weights)
        o.weights.emplace();
    return *o.weights;
}

} // namespace

class TestIncrementalEval : public QObject
{
    Q_OBJECT

    Model m_cnn;
    Dataset m_calib, m_eval;
    CalibrationStats m_stats;
    std::vector<std::string> m_weighted; // layers with weights, plan order

    // Evaluates `cfg` through `cache` and without one; both reports must be identical.
    // Returns how many layer runs the propagated chain made with the cache.
    int64_t compareWithFull(const QuantConfig& cfg, const std::shared_ptr<ReferenceCache>& cache,
                            const char* what)
    {
        const QuantizedModel qm = buildQuantizedModel(m_cnn, cfg, m_stats);
        Profiler profiler;
        RunControl ctl;
        ctl.threads = 2;
        ctl.profiler = &profiler;
        EvaluateOptions incremental;
        incremental.references = cache;
        incremental.batchSize = 50;
        const std::string a = reportToJson(evaluateQuantized(qm, m_eval, ctl, incremental));
        EvaluateOptions full;
        full.batchSize = 50;
        RunControl plain;
        plain.threads = 1;
        const std::string b = reportToJson(evaluateQuantized(qm, m_eval, plain, full));
        if (a != b)
            QTest::qFail(qPrintable(QStringLiteral("%1: the incremental report differs").arg(what)),
                         __FILE__, __LINE__);
        return layerRuns(profiler);
    }

private slots:
    void initTestCase()
    {
        m_cnn = loadOnnxModel(kResources + "/models/multiexit_cnn.onnx");
        m_calib = loadImageFolder(kResources + "/data/calib", defaultPreprocess(m_cnn));
        Dataset eval = loadImageFolder(kResources + "/data/eval", defaultPreprocess(m_cnn));
        m_eval = eval;
        m_eval.images = eval.slice(0, kImages);
        m_eval.files.resize(kImages);
        m_eval.labels.resize(kImages);
        m_stats = calibrate(m_cnn, m_calib);
        const QuantizedModel qm = buildQuantizedModel(m_cnn, presetConfig("w8a8"), m_stats);
        for (const QuantizedLayer& L : qm.layers)
            if (L.plan.hasWeights)
                m_weighted.push_back(L.plan.name);
        QVERIFY(m_weighted.size() >= 6);
    }

    void everyEditEqualsFullEvaluation_data()
    {
        QTest::addColumn<qint64>("budget");
        QTest::newRow("activations kept") << qint64(IncrementalCache::kDefaultBudgetBytes);
        QTest::newRow("none kept") << qint64(0);
        // Half of all layer outputs of the images: the shallow layers' are kept.
        const QuantizedModel qm = buildQuantizedModel(m_cnn, presetConfig("w8a8"), m_stats);
        qint64 all = 0;
        for (const QuantizedLayer& L : qm.layers)
            all += numelOf(m_cnn.graph.shapes.at(L.plan.output)) * 4 * kImages;
        QTest::newRow("shallow half kept") << all / 2;
    }

    void everyEditEqualsFullEvaluation()
    {
        QFETCH(qint64, budget);
        auto cache = std::make_shared<ReferenceCache>();
        cache->incremental().setBudget(budget);
        QuantConfig cfg = presetConfig("w8a8");
        const int64_t first = compareWithFull(cfg, cache, "first evaluation");
        const std::string firstLayer = m_weighted.front();
        const std::string middle = m_weighted[m_weighted.size() / 2];
        const std::string last = m_weighted.back();
        using Edit = std::function<void(QuantConfig&)>;
        const std::vector<std::pair<const char*, Edit>> edits = {
            {"weight bits, last layer", [&](QuantConfig& c) { weights(c, last).bits = 4; }},
            {"weight bits, middle layer", [&](QuantConfig& c) { weights(c, middle).bits = 5; }},
            {"activation bits, first layer", [&](QuantConfig& c) { activations(c, firstLayer).bits = 6; }},
            {"rounding", [&](QuantConfig& c) { activations(c, middle).rounding = RoundingMode::TowardZero; }},
            {"requantization", [&](QuantConfig& c) { c.layers[last].requantization = RequantMode::FixedPoint; }},
            {"accumulator", [&](QuantConfig& c) { c.layers[middle].accumulator = AccumulatorMode::Int64; }},
            {"keep float", [&](QuantConfig& c) { c.layers[middle].keepFloat = true; }},
            {"observer", [&](QuantConfig& c) { activations(c, last).observer = ObserverKind::Percentile; }},
            {"granularity", [&](QuantConfig& c) { weights(c, last).granularity = Granularity::PerTensor; }},
            {"undo to the start", [&](QuantConfig& c) { c = presetConfig("w8a8"); }},
            {"global default", [&](QuantConfig& c) { c.defaults.activations.bits = 7; }},
            {"stochastic rounding", [&](QuantConfig& c) { c.defaults.activations.rounding = RoundingMode::Stochastic; }},
            {"seed", [&](QuantConfig& c) { c.defaults.seed = 99; }},
            {"nothing", [](QuantConfig&) {}},
        };
        // With every activation kept, every kind of edit; with fewer kept, the edits that run
        // different parts of the chain (the machine is shared: keep the test short).
        const bool all = budget == qint64(IncrementalCache::kDefaultBudgetBytes);
        for (const auto& [what, edit] : edits) {
            const std::string name = what;
            if (!all && name != "weight bits, last layer" && name != "weight bits, middle layer" &&
                name != "activation bits, first layer" && name != "stochastic rounding")
                continue;
            edit(cfg);
            const int64_t runs = compareWithFull(cfg, cache, what);
            qInfo("%-30s %lld layer runs (first evaluation %lld)", what,
                  static_cast<long long>(runs), static_cast<long long>(first));
            QVERIFY(runs <= first);
        }
        qInfo("integer activations kept: %lld bytes (budget %lld)",
              static_cast<long long>(cache->incremental().activationBytes()),
              static_cast<long long>(budget));
        QVERIFY(cache->incremental().activationBytes() <= budget);
    }

    void lastLayerEditRunsOnlyTheTail()
    {
        auto cache = std::make_shared<ReferenceCache>();
        QuantConfig cfg = presetConfig("w8a8");
        const int64_t first = compareWithFull(cfg, cache, "first evaluation");
        QCOMPARE(compareWithFull(cfg, cache, "unchanged"), int64_t(0)); // nothing to run
        weights(cfg, m_weighted.back()).bits = 4;
        const int64_t runs = compareWithFull(cfg, cache, "last layer");
        // 2 units of 25 images; only the last weighted layer and layers after it in plan order
        // can depend on it.
        const QuantizedModel qm = buildQuantizedModel(m_cnn, cfg, m_stats);
        const int64_t tail = int64_t(qm.layers.size()) - qm.plan.layerByName.at(m_weighted.back());
        qInfo("first evaluation %lld layer runs, after the edit %lld (tail of %lld layers)",
              static_cast<long long>(first), static_cast<long long>(runs),
              static_cast<long long>(tail));
        QVERIFY(runs > 0);
        QVERIFY(runs <= tail * 2);
        QVERIFY(runs * 5 <= first); // far less than a full evaluation
    }
};

QTEST_GUILESS_MAIN(TestIncrementalEval)
#include "test_incremental_eval.moc"
