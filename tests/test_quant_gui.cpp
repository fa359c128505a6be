// The Quantize page in the MainWindow (offscreen, demo CNN with 200 calibration and evaluation
// images): truncation drift appears and undo restores the drift series exactly, a saved config
// reopens to the identical table, cancel leaves a consistent state, a config for another model
// applies its matching layers. Also logs the edit → updated report time (not asserted).
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <cmath>
#include <ctime>

#include "app/main_window.h"
#include "app/quant_page.h"
#include "app/resource_locator.h"
#include "core/quant/report_io.h"
#include "widgets/quant_layer_model.h"
#include "widgets/job_slot.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"
#include "scratch_settings.h"

using ql::MainWindow;
using ql::QuantLayerModel;
using State = ql::QuantSession::EvaluationState;

namespace {

constexpr int kImages = 200;

bool upToDate(const ql::QuantSession* qs)
{
    return qs->report() && qs->evaluationState() == State::UpToDate && !qs->isReportStale() &&
           !qs->isBusy();
}

// Waits for an up-to-date report; fails with the first error reported.
#define QL_WAIT_REPORT(window, errors)                                                             \
    do {                                                                                           \
        QTRY_VERIFY_WITH_TIMEOUT(upToDate((window).quantSession()) || (errors).count() > 0,        \
                                 240000);                                                          \
        if ((errors).count() > 0)                                                                  \
            QFAIL(qPrintable((errors).at(0).at(1).toString()));                                    \
    } while (false)

// Propagated mean error per layer, plan order: the drift series.
std::vector<double> driftSeries(const ql::EvaluationReport& report)
{
    std::vector<double> series;
    for (const ql::LayerReport& l : report.layers)
        series.push_back(l.propagated.meanError);
    return series;
}

size_t deepestQuantized(const ql::EvaluationReport& report)
{
    size_t deepest = 0;
    for (size_t i = 0; i < report.layers.size(); ++i)
        if (report.layers[i].quantized && report.layers[i].kind == ql::LayerKind::Integer)
            deepest = i;
    return deepest;
}

QStringList tableText(const QuantLayerModel* model)
{
    QStringList cells;
    for (int r = 0; r < model->rowCount(); ++r)
        for (int c = 0; c < model->columnCount(); ++c)
            cells << model->index(r, c).data().toString() + QLatin1Char('|') +
                         model->index(r, c).data(Qt::CheckStateRole).toString();
    return cells;
}

} // namespace

class TestQuantGui : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        useScratchSettings(m_settingsDir, QStringLiteral("QuantLensQuantGuiTest"));
    }

    void truncationDriftAndExactUndo()
    {
        MainWindow window;
        QSignalSpy errors(&window, &MainWindow::errorReported);
        openDemo(window);
        window.show();
        QL_WAIT_REPORT(window, errors);
        ql::QuantSession* qs = window.quantSession();
        qs->setResultCacheSize(0); // undo must recompute, not recall
        QCOMPARE(window.quantPage()->layerModel()->rowCount(), int(qs->layerNames().size()));
        QVERIFY(!window.isWindowModified());

        const auto original = qs->report();
        const std::vector<double> before = driftSeries(*original);
        const size_t deepest = deepestQuantized(*original);

        // Every layer toward_zero: one command.
        const int steps = qs->undoStack()->count();
        ql::LayerEdit edit;
        edit.rounding = ql::RoundingMode::TowardZero;
        window.quantPage()->layerModel()->applyEdit(qs->layerNames(), edit,
                                                    QStringLiteral("all toward_zero"));
        QCOMPARE(qs->undoStack()->count(), steps + 1);
        QVERIFY(window.isWindowModified());
        QL_WAIT_REPORT(window, errors);
        const std::vector<double> truncated = driftSeries(*qs->report());
        QVERIFY(truncated != before);
        qInfo("mean error at %s: half_even %.6g, toward_zero %.6g",
              original->layers[deepest].name.c_str(), before[deepest], truncated[deepest]);
        QVERIFY(std::abs(truncated[deepest]) > std::abs(before[deepest]));

        qs->undoStack()->undo();
        QVERIFY(!window.isWindowModified());
        QL_WAIT_REPORT(window, errors);
        QVERIFY(qs->report() != original); // recomputed
        QCOMPARE(driftSeries(*qs->report()), before);
    }

    // QL_EDIT_TIMING_IMAGES=0 measures on the whole evaluation folder.
    void editToReportTime()
    {
        MainWindow window;
        QSignalSpy errors(&window, &MainWindow::errorReported);
        const int images = qEnvironmentVariableIsSet("QL_EDIT_TIMING_IMAGES")
                               ? qEnvironmentVariableIntValue("QL_EDIT_TIMING_IMAGES")
                               : kImages;
        openDemo(window, images);
        QL_WAIT_REPORT(window, errors);
        ql::QuantSession* qs = window.quantSession();
        qs->setDebounceMs(150); // what a user gets
        QuantLayerModel* model = window.quantPage()->layerModel();
        for (int bits : {6, 4}) {
            QElapsedTimer timer;
            timer.start();
            const std::clock_t cpu = std::clock();
            QVERIFY(model->setData(model->index(1, QuantLayerModel::WeightBitsColumn), bits));
            QL_WAIT_REPORT(window, errors);
            qInfo("edit W bits -> %d: updated report after %lld ms wall (evaluation %lld ms, "
                  "%.0f ms CPU over all threads, %lld images)",
                  bits, timer.elapsed(), qs->lastEvaluationMs(),
                  1000.0 * double(std::clock() - cpu) / CLOCKS_PER_SEC,
                  qlonglong(qs->report()->samples));
        }
    }

    void savedConfigReopensIdentically()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("demo.quant.json"));
        QStringList saved;
        {
            MainWindow window;
            QSignalSpy errors(&window, &MainWindow::errorReported);
            openDemo(window);
            QL_WAIT_REPORT(window, errors);
            QuantLayerModel* model = window.quantPage()->layerModel();
            QVERIFY(model->setData(model->index(0, QuantLayerModel::WeightBitsColumn), 5));
            QVERIFY(model->setData(model->index(2, QuantLayerModel::ObserverColumn),
                                   QStringLiteral("percentile")));
            QVERIFY(model->setData(model->index(4, QuantLayerModel::KeepFloatColumn), Qt::Checked,
                                   Qt::CheckStateRole));
            QL_WAIT_REPORT(window, errors);
            QVERIFY(window.quantSession()->saveConfig(path));
            QVERIFY(!window.isWindowModified());
            QVERIFY(window.windowTitle().contains(QStringLiteral("demo.quant.json")));
            saved = tableText(model);
        }
        MainWindow fresh;
        QSignalSpy errors(&fresh, &MainWindow::errorReported);
        openDemo(fresh);
        QL_WAIT_REPORT(fresh, errors);
        fresh.openConfig(path);
        QL_WAIT_REPORT(fresh, errors);
        QVERIFY(!fresh.isWindowModified());
        QCOMPARE(tableText(fresh.quantPage()->layerModel()), saved);
    }

    void cancelLeavesConsistentState()
    {
        MainWindow window;
        QSignalSpy errors(&window, &MainWindow::errorReported);
        openDemo(window);
        QL_WAIT_REPORT(window, errors);
        ql::QuantSession* qs = window.quantSession();
        qs->setResultCacheSize(0);
        const auto before = qs->report();
        window.quantPage()->applyPreset(QStringLiteral("w4a8"));
        QTRY_VERIFY_WITH_TIMEOUT(qs->evaluationState() == State::Evaluating, 10000);
        qs->cancel();
        QVERIFY(!qs->isBusy());
        QCOMPARE(qs->evaluationState(), State::Cancelled);
        qs->evaluationJob()->waitForWorkers(); // the cancelled evaluation's result is dropped
        QCOMPARE(qs->report(), before);
        QCOMPARE(errors.count(), 0);
        qs->reevaluate();
        QL_WAIT_REPORT(window, errors);
        QCOMPARE(qs->report()->layers.front().config.weights.bits, 4);
    }

    void configForAnotherModel()
    {
        MainWindow window;
        QSignalSpy errors(&window, &MainWindow::errorReported);
        openDemo(window);
        QL_WAIT_REPORT(window, errors);
        ql::QuantSession* qs = window.quantSession();

        // A config saved for this model, then its sha256 edited as if made for another one.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("foreign.json"));
        const QString layer = qs->layerNames().at(1);
        qs->editLayers(
            {layer}, [](ql::LayerOverride& o) { o.activations.emplace().bits = 6; },
            QStringLiteral("A6"));
        QVERIFY(qs->saveConfig(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray json = file.readAll();
        file.close();
        const QByteArray sha = QByteArray::fromStdString(window.session()->model()->sha256);
        QVERIFY(json.contains(sha));
        json.replace(sha, QByteArray(64, 'f'));
        QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        file.write(json);
        file.close();
        qs->undoStack()->undo();
        QVERIFY(qs->config().layers.empty());

        ql::QuantConfig foreign;
        int mismatches = 0;
        connect(qs, &ql::QuantSession::modelMismatch, this,
                [&](const QString&, const ql::QuantConfig& c) {
                    foreign = c;
                    ++mismatches;
                });
        window.openConfig(path);
        QCOMPARE(mismatches, 1);
        QVERIFY(qs->config().layers.empty()); // nothing applied yet
        qs->applyMatchingLayers(foreign);
        QCOMPARE(ql::resolveLayer(qs->config(), layer.toStdString()).activations.bits, 6);
        QL_WAIT_REPORT(window, errors);
        QCOMPARE(errors.count(), 0);
    }

private:
    void openDemo(MainWindow& window, int evaluationImages = kImages)
    {
        window.setErrorMode(MainWindow::ErrorMode::Signal);
        window.session()->setAutoEvaluate(false);
        window.session()->setDatasetLimit(evaluationImages);
        window.quantSession()->setCalibrationLimit(kImages);
        window.openDemo();
    }

    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestQuantGui)
#include "test_quant_gui.moc"
