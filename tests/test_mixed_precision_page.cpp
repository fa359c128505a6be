// The Mixed Precision page offscreen, on the demo CNN with its calibration folder:
//   * the heat map model passes QAbstractItemModelTester and shows the values, colours and
//     roles of an injected SensitivityResult (drop and SQNR metrics, the worst exit);
//   * clicking a cell sets that layer's bits through QuantSession::editLayers, undoably;
//   * clicking a Pareto point applies its config through QuantSession::setConfig, undoably;
//   * a real sensitivity run (20 images, bits 4 and 8) fills the heat map off the GUI thread,
//     and a cancelled search publishes nothing.

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QPushButton>
#include <QLabel>
#include <QSignalSpy>
#include <QTableView>
#include <QUndoStack>
#include <QtTest>

#include "app/mixed_precision_page.h"
#include "app/resource_locator.h"
#include "widgets/mixed_precision_session.h"
#include "widgets/pareto_chart.h"
#include "widgets/quant_session.h"
#include "widgets/sensitivity_heatmap.h"
#include "widgets/session.h"

using namespace ql;

namespace {

// Two exits' worth of cells for every weighted layer: drop = bits-dependent, SQNR = 6·bits.
std::shared_ptr<SensitivityResult> fakeSensitivity(const Model& model, const QuantConfig& base)
{
    auto r = std::make_shared<SensitivityResult>();
    r->bits = {2, 4, 8};
    r->kinds = {BitsTarget::Weights};
    for (const ExitInfo& e : model.exits) {
        r->exits.push_back(e.output);
        r->fp32Top1.push_back(90.0);
    }
    const size_t exits = r->exits.size();
    int depth = 0;
    for (const std::string& name : weightedLayers(model, base)) {
        LayerSensitivity l;
        l.layer = name;
        l.opType = "Conv";
        l.depth = depth++;
        for (int b : r->bits) {
            SensitivityCell c;
            c.kind = BitsTarget::Weights;
            c.bits = b;
            c.top1.assign(exits, 90.0);
            c.drop.assign(exits, b == 2 ? 10.0 + depth : 0.0);
            c.drop.front() = b == 2 ? 30.0 : 0.5; // the first exit suffers most
            c.sqnrDb.assign(exits, 6.0 * b);
            l.cells.push_back(c);
        }
        r->layers.push_back(l);
    }
    return r;
}

} // namespace

class TestMixedPrecisionPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_session = new Session(this);
        m_session->setAutoEvaluate(false);
        m_quant = new QuantSession(m_session, this);
        m_quant->setDebounceMs(0);
        m_session->openModel(demoModelPath());
        QTRY_VERIFY_WITH_TIMEOUT(m_session->model() != nullptr, 60000);
        m_quant->openCalibrationFolder(demoCalibDir());
        QTRY_VERIFY_WITH_TIMEOUT(m_quant->calibration() != nullptr, 120000);
        m_page = new MixedPrecisionPage(m_quant);
        m_page->resize(1300, 800);
        m_page->show();
    }

    void cleanupTestCase() { delete m_page; }

    void heatmapModel()
    {
        auto fake = fakeSensitivity(*m_session->model(), m_quant->config());
        m_page->setSensitivity(fake, m_quant->config());
        SensitivityHeatmapModel* model = m_page->heatmap()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), int(fake->layers.size()));
        QCOMPARE(model->columnCount(), 3);
        QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("4 bit"));
        QCOMPARE(model->headerData(0, Qt::Vertical).toString(),
                 QString::fromStdString(fake->layers.front().layer));
        // Last exit by default: layer 0 at 2 bits dropped 11 pt; the colour range is [0, max].
        model->setExit(int(fake->exits.size()) - 1);
        const QModelIndex worst = model->index(0, 0);
        QCOMPARE(worst.data().toString(), QStringLiteral("+11.0"));
        QCOMPARE(worst.data(SensitivityHeatmapModel::LayerRole).toString(),
                 QString::fromStdString(fake->layers.front().layer));
        QCOMPARE(worst.data(SensitivityHeatmapModel::BitsRole).toInt(), 2);
        QVERIFY(worst.data(SensitivityHeatmapModel::BadnessRole).toDouble() > 0.0);
        QCOMPARE(model->index(0, 2).data(SensitivityHeatmapModel::BadnessRole).toDouble(), 0.0);
        QVERIFY(worst.data(Qt::BackgroundRole).value<QColor>() !=
                model->index(0, 2).data(Qt::BackgroundRole).value<QColor>());
        QVERIFY(worst.data(Qt::ToolTipRole).toString().contains(QStringLiteral("SQNR")));
        // Every exit: the worst one (the first exit, 30 pt).
        model->setExit(-1);
        QCOMPARE(worst.data().toString(), QStringLiteral("+30.0"));
        model->setMetric(SensitivityHeatmapModel::Metric::Sqnr);
        QCOMPARE(worst.data().toString(), QStringLiteral("12.0"));
        QCOMPARE(model->index(0, 2).data(SensitivityHeatmapModel::BadnessRole).toDouble(), 0.0);
        QCOMPARE(worst.data(SensitivityHeatmapModel::BadnessRole).toDouble(), 1.0);
        model->setMetric(SensitivityHeatmapModel::Metric::Drop);
        // The current config (W8A8) marks the 8-bit column bold.
        QVERIFY(model->index(0, 2).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model->index(0, 0).data(Qt::FontRole).isValid());
    }

    void clickingACellEditsTheConfig()
    {
        auto fake = fakeSensitivity(*m_session->model(), m_quant->config());
        m_page->setSensitivity(fake, m_quant->config());
        const std::string layer = fake->layers[1].layer;
        const QuantConfig before = m_quant->config();
        const int undoBefore = m_quant->undoStack()->index();
        QTableView* view = m_page->heatmap()->view();
        const QModelIndex index = m_page->heatmap()->model()->index(1, 1); // layer 1, 4 bits
        QSignalSpy changed(m_quant, &QuantSession::configChanged);
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
        QCOMPARE(changed.count(), 1);
        QCOMPARE(resolveLayer(m_quant->config(), layer).weights.bits, 4);
        QCOMPARE(resolveLayer(m_quant->config(), layer).activations.bits, 8);
        QCOMPARE(m_quant->undoStack()->index(), undoBefore + 1);
        QVERIFY(m_page->heatmap()->model()->index(1, 1).data(Qt::FontRole).value<QFont>().bold());
        m_quant->undoStack()->undo();
        QCOMPARE(m_quant->config(), before);
    }

    void clickingAParetoPointAppliesItsConfig()
    {
        const QuantConfig base = m_quant->config();
        auto result = std::make_shared<AutoQuantResult>();
        const std::vector<std::string> layers = weightedLayers(*m_session->model(), base);
        for (const ExitInfo& e : m_session->model()->exits) {
            result->exits.push_back(e.output);
            result->fp32Top1.push_back(92.0);
        }
        for (int i = 0; i < 3; ++i) {
            EvaluatedConfig e;
            e.index = i;
            e.stage = i == 0 ? "start" : "greedy";
            e.accepted = e.feasible = true;
            for (const std::string& l : layers)
                e.bits[l] = LayerBits{8 - 2 * i, 8};
            e.score.top1.assign(result->exits.size(), 92.0 - i);
            e.score.drop.assign(result->exits.size(), double(i));
            e.score.sqnrDb.assign(result->exits.size(), 30.0);
            e.score.size.quantizedBytes = 30000 - 8000 * i;
            e.score.size.quantizedBitOps = 3e8 - 8e7 * i;
            result->evaluated.push_back(e);
        }
        result->best = 2;
        result->fp32Bytes = 115000;
        result->fp32BitOps = 5e9;
        result->targetMet = true;
        m_page->setSearchResult(result, base);
        QCOMPARE(m_page->pareto()->front().size(), size_t(3));
        const int undoBefore = m_quant->undoStack()->index();
        QSignalSpy changed(m_quant, &QuantSession::configChanged);
        emit m_page->pareto()->pointClicked(1);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(resolveLayer(m_quant->config(), layers.front()).weights.bits, 6);
        QCOMPARE(m_quant->undoStack()->index(), undoBefore + 1);
        m_page->applyFound();
        QCOMPARE(resolveLayer(m_quant->config(), layers.back()).weights.bits, 4);
        m_quant->undoStack()->undo();
        m_quant->undoStack()->undo();
        QCOMPARE(m_quant->config(), base);
        // The chart maps a click at a point's coordinates back to that point.
        QCOMPARE(m_page->pareto()->nearestPoint(m_page->pareto()->pointOf(2)), 2);
    }

    void realSensitivityRunAndCancelledSearch()
    {
        m_page->setImageLimit(20);
        auto* bits = m_page->findChild<QLineEdit*>(QStringLiteral("sensitivityBits"));
        QVERIFY(bits);
        bits->setText(QStringLiteral("4,8"));
        QVERIFY(m_page->runSensitivityButton()->isEnabled());
        QSignalSpy done(m_page, &MixedPrecisionPage::sensitivityAvailable);
        QSignalSpy failed(m_page, &MixedPrecisionPage::failed);
        m_page->runSensitivity();
        QVERIFY(m_page->isBusy());
        QTRY_VERIFY_WITH_TIMEOUT(done.count() == 1 || failed.count() > 0, 120000);
        QCOMPARE(failed.count(), 0);
        QVERIFY(!m_page->isBusy());
        SensitivityHeatmapModel* model = m_page->heatmap()->model();
        QCOMPARE(model->columnCount(), 2);
        QCOMPARE(model->rowCount(), int(weightedLayers(*m_session->model(), m_quant->config()).size()));
        QCOMPARE(model->result()->samples, 20);

        QSignalSpy searched(m_page, &MixedPrecisionPage::searchAvailable);
        m_page->runSearch();
        QVERIFY(m_page->isBusy());
        m_page->cancel();
        QVERIFY(!m_page->isBusy());
        m_page->analysis()->job()->waitForWorkers(); // the cancelled search's result is dropped
        QCOMPARE(searched.count(), 0);
    }

    // Issue 14: the search claimed "Target met" from its 200-image sample while the applied
    // config missed the target on the full set. Now the reported figures are a full-set
    // evaluation: they must equal what the QuantSession computes afresh for the applied config.
    void searchFigureEqualsFreshFullEvaluation()
    {
        m_page->setImageLimit(20);
        QSignalSpy searched(m_page, &MixedPrecisionPage::searchAvailable);
        QSignalSpy failed(m_page, &MixedPrecisionPage::failed);
        m_page->runSearch();
        QTRY_VERIFY_WITH_TIMEOUT(searched.count() == 1 || failed.count() > 0, 600000);
        QCOMPARE(failed.count(), 0);
        const auto outcome = m_page->analysis()->search();
        QVERIFY(outcome);
        const auto data = m_page->analysis()->data();
        QCOMPARE(outcome->searchImages, int64_t(20));
        QCOMPARE(outcome->fullImages, data->size());
        QVERIFY(outcome->recheckEvaluations >= 1);
        // Every exit is the default target on a multi-exit model.
        QCOMPARE(outcome->result.exits.size(), size_t(3));
        const QString summary = m_page->searchSummary()->text();
        QVERIFY2(summary.contains(QStringLiteral("all %1 images").arg(data->size())),
                 qPrintable(summary));
        QVERIFY2(summary.contains(QStringLiteral("20 images")), qPrintable(summary));

        m_page->applyFound();
        QTRY_VERIFY_WITH_TIMEOUT(m_quant->report() && !m_quant->isBusy() &&
                                     m_quant->evaluationState() ==
                                         QuantSession::EvaluationState::UpToDate,
                                 240000);
        const auto report = m_quant->report();
        QCOMPARE(report->samples, data->size());
        QCOMPARE(report->exits.size(), outcome->fullScore.top1.size());
        double worstDrop = 0.0;
        for (size_t e = 0; e < report->exits.size(); ++e) {
            // Same integer chain, same images: identical counts, so exact equality.
            QCOMPARE(report->exits[e].quantTop1, outcome->fullScore.top1[e]);
            worstDrop = std::max(worstDrop, report->exits[e].fp32Top1 - report->exits[e].quantTop1);
        }
        QCOMPARE(outcome->targetMetOnFull, worstDrop <= 1.0 + 1e-9);
        QVERIFY(summary.startsWith(outcome->targetMetOnFull ? QStringLiteral("<b>Target met")
                                                            : QStringLiteral("<b>Target not met")));
        m_quant->undoStack()->undo();
    }

private:
    Session* m_session = nullptr;
    QuantSession* m_quant = nullptr;
    MixedPrecisionPage* m_page = nullptr;
};

QTEST_MAIN(TestMixedPrecisionPage)
#include "test_mixed_precision_page.moc"
