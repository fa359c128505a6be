// Automatic mixed precision, pruning and the size table on the demo CNN
// (resources/models/multiexit_cnn.onnx, 3 exits), calibrated on 200 images of
// resources/data/calib and evaluated on 100 images of resources/data/eval (both spread evenly
// over the classes with evenSubset: every 5th / 10th file), so that one
// evaluation takes a fraction of a second and the whole test stays well under a minute on two
// cores (~120 evaluations: candidates W {2,4,6,8}, A {6,8}, refinement budget 8).
//
//   * accuracy target: drop ≤ 1.0 pt at the last exit on the evaluated set, met; the found
//     config is smaller in bits than uniform W8A8; a full evaluateQuantized() of it gives the
//     same last-exit top-1 (the search's evaluations are real ones);
//   * budget target (size ≤ 45 % of W8A8), reusing the first run's sensitivity: the budget holds;
//   * the Pareto front is sorted by size with strictly increasing accuracy;
//   * pruning zeroes exactly the requested share, smallest magnitudes first;
//   * sparse size < dense size at high sparsity; the size table adds up to modelSize().

#include <QtTest/QtTest>

#include <cmath>

#include "core/onnx_import.h"
#include "core/quant/autoquant.h"
#include "core/quant/pruning.h"
#include "core/quant/size_table.h"

using namespace ql;

namespace {

const std::string kResources = QL_RESOURCE_DIR;

AutoQuantOptions smallOptions()
{
    AutoQuantOptions o;
    o.weightBits = {2, 4, 6, 8};
    o.activationBits = {6, 8};
    o.refinementBudget = 8;
    return o;
}

} // namespace

class TestAutoquant : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_model = loadOnnxModel(kResources + "/models/multiexit_cnn.onnx");
        const Preprocess pp = defaultPreprocess(m_model);
        const Dataset calib = evenSubset(loadImageFolder(kResources + "/data/calib", pp), 200);
        m_data = evenSubset(loadImageFolder(kResources + "/data/eval", pp), 100);
        m_calib = calibrate(m_model, calib);
        m_base = presetConfig("w8a8");
        m_base.preprocess = pp;
    }

    void accuracyTarget()
    {
        const ExitScorer scorer(m_model, m_data);
        AutoQuantOptions o = smallOptions();
        o.target.maxDrop = 1.0;
        o.target.exit = scorer.exitCount() - 1;
        const AutoQuantResult r = autoQuantize(scorer, m_base, m_calib, o);
        const EvaluatedConfig& found = r.found();
        const EvaluatedConfig& w8 = r.evaluated[static_cast<size_t>(r.w8a8)];
        qInfo("found: %lld B (%.2f bits avg) vs W8A8 %lld B; last-exit drop %.2f pt; "
              "%d + %d evaluations",
              static_cast<long long>(found.score.size.quantizedBytes), found.averageWeightBits,
              static_cast<long long>(w8.score.size.quantizedBytes), found.score.drop.back(),
              r.sensitivityEvaluations, r.searchEvaluations);
        QVERIFY(r.targetMet);
        QVERIFY(found.score.drop.back() <= 1.0 + 1e-9);
        QVERIFY(found.averageWeightBits < 8.0);
        QVERIFY(found.score.size.quantizedBytes < w8.score.size.quantizedBytes);
        QCOMPARE(w8.stage, std::string("start"));
        QCOMPARE(averageWeightBits(m_model, r.config), found.averageWeightBits);
        // Every greedy step that was kept also kept the target.
        for (const EvaluatedConfig& e : r.evaluated)
            if (e.accepted)
                QVERIFY(e.score.drop.back() <= 1.0 + 1e-9);

        // The search's numbers are those of a full evaluation of the found config.
        EvaluateOptions eo;
        eo.computeLocal = false;
        const EvaluationReport full =
            evaluateQuantized(buildQuantizedModel(m_model, r.config, m_calib), m_data, {}, eo);
        QCOMPARE(full.exits.back().quantTop1, found.score.top1.back());
        QCOMPARE(full.size.quantizedBytes, found.score.size.quantizedBytes);
        QCOMPARE(full.size.quantizedBitOps, found.score.size.quantizedBitOps);

        // Pareto front: cheapest first, each point strictly more accurate than the previous.
        const std::vector<int> front = paretoFront(r.evaluated, o.target.exit, CostAxis::Bytes);
        QVERIFY(front.size() >= 2);
        for (size_t i = 1; i < front.size(); ++i) {
            const ExitScore& a = r.evaluated[static_cast<size_t>(front[i - 1])].score;
            const ExitScore& b = r.evaluated[static_cast<size_t>(front[i])].score;
            QVERIFY(a.size.quantizedBytes <= b.size.quantizedBytes);
            QVERIFY(a.top1.back() < b.top1.back());
        }
        const QStringList csv = QString::fromStdString(paretoToCsv(r, o.target.exit))
                                    .split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(csv.size(), static_cast<qsizetype>(r.evaluated.size() + 1));
        m_sensitivity = r.sensitivity;
        m_w8a8Bytes = w8.score.size.quantizedBytes;
    }

    void budgetTarget()
    {
        QVERIFY(m_w8a8Bytes > 0);
        const ExitScorer scorer(m_model, m_data);
        AutoQuantOptions o = smallOptions();
        o.target.maxBytes = m_w8a8Bytes * 45 / 100;
        const AutoQuantResult r = autoQuantize(scorer, m_base, m_calib, o, {}, &m_sensitivity);
        QCOMPARE(r.sensitivityEvaluations, 0); // reused
        QVERIFY(r.targetMet);
        QVERIFY(r.found().score.size.quantizedBytes <= *o.target.maxBytes);
        qInfo("budget %lld B: found %lld B, worst drop %.2f pt",
              static_cast<long long>(*o.target.maxBytes),
              static_cast<long long>(r.found().score.size.quantizedBytes), r.found().score.dropAt(-1));
    }

    void noTargetIsAnError()
    {
        const ExitScorer scorer(m_model, evenSubset(m_data, 10));
        QVERIFY_THROWS_EXCEPTION(Error, autoQuantize(scorer, m_base, m_calib, AutoQuantOptions{}));
    }

    void pruningZeroesTheRequestedShare()
    {
        PruneSpec spec;
        spec.defaultSparsity = 0.5;
        spec.layers["/block2/conv2/conv/Conv"] = 0.9;
        const PrunedModel p = pruneModel(m_model, spec);
        QCOMPARE(p.layers.size(), size_t(10));
        for (const PrunedLayer& l : p.layers) {
            const double want = l.layer == "/block2/conv2/conv/Conv" ? 0.9 : 0.5;
            QCOMPARE(l.zerosAfter, std::max<int64_t>(l.zerosBefore, std::llround(want * double(l.weights))));
            // Smallest magnitudes first: every zeroed weight was ≤ every kept one.
            const std::vector<float>& before = m_model.graph.initializers.at(l.initializer).f;
            const std::vector<float>& after = p.model.graph.initializers.at(l.initializer).f;
            float maxPruned = 0.0f, minKept = INFINITY;
            for (size_t i = 0; i < before.size(); ++i) {
                if (after[i] == 0.0f)
                    maxPruned = std::max(maxPruned, std::abs(before[i]));
                else
                    minKept = std::min(minKept, std::abs(before[i]));
                QVERIFY(after[i] == 0.0f || after[i] == before[i]);
            }
            QVERIFY(maxPruned <= minKept);
        }
        // The original is untouched.
        QVERIFY(m_model.graph.initializers.at(p.layers.front().initializer).f !=
                p.model.graph.initializers.at(p.layers.front().initializer).f);
        QVERIFY_THROWS_EXCEPTION(Error, pruneModel(m_model, PruneSpec{1.0, {}, true}));
        QVERIFY_THROWS_EXCEPTION(Error, pruneModel(m_model, PruneSpec{0.1, {{"nope", 0.1}}, true}));
    }

    void sparseSmallerWhenSparse()
    {
        const SizeTable dense = sizeTable(m_model, m_base, m_calib);
        PruneSpec spec;
        spec.defaultSparsity = 0.8;
        const PrunedModel p = pruneModel(m_model, spec);
        const CalibrationStats calib = calibrate(p.model, evenSubset(m_data, 50));
        const SizeTable sparse = sizeTable(p.model, m_base, calib);
        qInfo("W8A8 dense %lld B; pruned 80 %%: dense %lld B, bitmap %lld B",
              static_cast<long long>(dense.total.mixedBytes),
              static_cast<long long>(sparse.total.mixedBytes),
              static_cast<long long>(sparse.total.sparseBytes));
        QCOMPARE(sparse.total.mixedBytes, dense.total.mixedBytes); // same bits, same dense size
        QVERIFY(sparse.total.sparseBytes < sparse.total.mixedBytes);
        QVERIFY(double(sparse.total.zeros) >= 0.8 * double(sparse.total.weights) - 10);
        for (const SizeRow& r : sparse.rows)
            QVERIFY(r.sparseBytes <= r.mixedBytes);

        // The table adds up to modelSize(): per layer and in total, for a mixed config too.
        QuantConfig mixed = m_base;
        mixed.layers["/block2/conv2/conv/Conv"].weights = TensorQuantOverride{};
        mixed.layers["/block2/conv2/conv/Conv"].weights->bits = 3;
        mixed.layers["/stem/conv2/conv/Conv"].activations = TensorQuantOverride{};
        mixed.layers["/stem/conv2/conv/Conv"].activations->bits = 6;
        const SizeTable t = sizeTable(m_model, mixed, m_calib);
        const ModelSize size = modelSize(buildQuantizedModel(m_model, mixed, m_calib));
        QCOMPARE(t.total.mixedBytes, size.quantizedBytes);
        QCOMPARE(t.total.fp32Bytes, size.fp32Bytes);
        QCOMPARE(t.total.mixedBitOps, size.quantizedBitOps);
        QCOMPARE(t.total.fp32BitOps, size.fp32BitOps);
        QCOMPARE(t.total.w8a8Bytes, dense.total.mixedBytes);
        QVERIFY(t.mixedAverageBits < 8.0);
        QCOMPARE(t.w8a8AverageBits, 8.0);
    }

private:
    Model m_model;
    Dataset m_data;
    CalibrationStats m_calib;
    QuantConfig m_base;
    SensitivityResult m_sensitivity;
    int64_t m_w8a8Bytes = 0;
};

QTEST_GUILESS_MAIN(TestAutoquant)
#include "test_autoquant.moc"
