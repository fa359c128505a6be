// QuantSession on the demo CNN (offscreen, small image limits): the default config per model,
// undoable edits with merging, debounced re-evaluation that drops stale results, cancel,
// config files (atomic save, validation, model mismatch), report export and explain.
#include <QSemaphore>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

#include <atomic>
#include <memory>

#include "core/quant/report_io.h"
#include "widgets/job_slot.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

using ql::QuantSession;
using State = ql::QuantSession::EvaluationState;

namespace {

const QString kResources = QStringLiteral(QL_RESOURCE_DIR);
constexpr int kImages = 100;

// Waits until the report matches the config and nothing runs; fails with any error.
#define QL_WAIT_UP_TO_DATE(qs, errors)                                                             \
    do {                                                                                           \
        QTRY_VERIFY_WITH_TIMEOUT(((qs).evaluationState() == State::UpToDate &&                     \
                                  !(qs).isReportStale() && !(qs).isBusy()) ||                      \
                                     (errors).count() > 0,                                         \
                                 180000);                                                          \
        if ((errors).count() > 0)                                                                  \
            QFAIL(qPrintable((errors).at(0).at(1).toString()));                                    \
    } while (false)

} // namespace

class TestQuantSession : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_session = std::make_unique<ql::Session>();
        m_session->setAutoEvaluate(false);
        m_session->setDatasetLimit(kImages);
        m_quant = std::make_unique<QuantSession>(m_session.get());
        m_quant->setCalibrationLimit(kImages);
        m_quant->setDebounceMs(0);
        m_errors = std::make_unique<QSignalSpy>(m_quant.get(), &QuantSession::failed);

        QCOMPARE(m_quant->evaluationState(), State::Idle);
        m_quant->openCalibrationFolder(kResources + QStringLiteral("/data/calib"));
        m_session->openModel(kResources + QStringLiteral("/models/multiexit_cnn.onnx"));
        m_session->openDataFolder(kResources + QStringLiteral("/data/eval"));
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        QVERIFY(m_quant->report());
        QCOMPARE(m_quant->report()->samples, kImages);
        QCOMPARE(m_quant->calibrationData()->size(), kImages);
        QCOMPARE(m_quant->evaluationData(), m_session->dataset());
    }

    void defaultConfigFollowsModel()
    {
        const ql::QuantConfig& c = m_quant->config();
        ql::QuantConfig expected = ql::presetConfig("w8a8");
        expected.model.fileName = "multiexit_cnn.onnx";
        expected.model.sha256 = m_session->model()->sha256;
        expected.preprocess = ql::defaultPreprocess(*m_session->model());
        QVERIFY(c == expected);
        QVERIFY(!c.model.sha256.empty());
        QCOMPARE(m_quant->undoStack()->count(), 0);
        QVERIFY(!m_quant->isDirty());
        QCOMPARE(m_quant->layerNames().size(), qsizetype(m_quant->report()->layers.size()));
    }

    void editUndoAndMerge()
    {
        const QString layer = m_quant->layerNames().front();
        const auto original = m_quant->report();
        QSignalSpy dirty(m_quant.get(), &QuantSession::dirtyChanged);

        m_quant->editLayers(
            {layer}, [](ql::LayerOverride& o) { o.weights.emplace().bits = 6; },
            QStringLiteral("bits 6"), QStringLiteral("cell"));
        m_quant->editLayers(
            {layer}, [](ql::LayerOverride& o) { o.weights->bits = 4; }, QStringLiteral("bits 4"),
            QStringLiteral("cell"));
        QCOMPARE(m_quant->undoStack()->count(), 1); // same cell: merged
        QVERIFY(m_quant->isDirty());
        QCOMPARE(dirty.count(), 1);
        QCOMPARE(ql::resolveLayer(m_quant->config(), layer.toStdString()).weights.bits, 4);
        QVERIFY(m_quant->isReportStale());
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        QVERIFY(m_quant->report() != original);
        QCOMPARE(m_quant->report()->layers.front().config.weights.bits, 4);

        // Undo goes back to the defaults and, from the cache, to the very same report.
        m_quant->undoStack()->undo();
        QVERIFY(m_quant->config().layers.empty());
        QVERIFY(!m_quant->isDirty());
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        QCOMPARE(m_quant->report(), original);

        m_quant->undoStack()->redo();
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        m_quant->undoStack()->undo();
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);

        // A different merge key: two steps.
        m_quant->editDefaults([](ql::QuantDefaults& d) { d.activations.bits = 7; },
                              QStringLiteral("A7"));
        m_quant->editDefaults([](ql::QuantDefaults& d) { d.activations.bits = 6; },
                              QStringLiteral("A6"));
        QCOMPARE(m_quant->undoStack()->index(), 2);
        m_quant->undoStack()->undo();
        m_quant->undoStack()->undo();
        QVERIFY(!m_quant->isDirty());
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        QCOMPARE(m_quant->report(), original);
    }

    // A result that arrives after a newer edit must be dropped. The first evaluation's worker
    // is held (a latch in the JobSlot's result hook) after it has computed its report, until the
    // newer edit's report is published; then it is released and its result must not appear.
    void newerEditDropsStaleResult()
    {
        m_quant->setResultCacheSize(0);
        ql::JobSlot* job = m_quant->evaluationJob();
        QSemaphore resultReady;   // the first worker has its result and waits
        QSemaphore releaseResult; // let it post that result
        std::atomic<int> results{0};
        job->setResultHook([&](quint64) {
            if (results.fetch_add(1) == 0) {
                resultReady.release();
                releaseResult.acquire();
            }
        });
        QSignalSpy reports(m_quant.get(), &QuantSession::reportAvailable);
        QSignalSpy dropped(job, &ql::JobSlot::dropped);
        const QStringList layers = m_quant->layerNames();
        auto setActivationBits = [&](int bits) {
            m_quant->editLayers(
                layers.mid(0, 3),
                [bits](ql::LayerOverride& o) { o.activations.emplace().bits = bits; },
                QStringLiteral("A%1").arg(bits));
        };
        setActivationBits(7);
        // (QTRY evaluates its condition more than once: no side effect in it.)
        QTRY_VERIFY_WITH_TIMEOUT(resultReady.available() > 0, 180000);
        resultReady.acquire();
        setActivationBits(5); // supersedes the held A7 evaluation
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        QCOMPARE(reports.count(), 1);
        QCOMPARE(m_quant->report()->layers.front().config.activations.bits, 5);

        releaseResult.release();
        job->waitForWorkers(); // the A7 result has been delivered to the slot by now
        QCOMPARE(dropped.count(), 1);
        QCOMPARE(reports.count(), 1);
        QCOMPARE(m_quant->report()->layers.front().config.activations.bits, 5);
        QCOMPARE(m_quant->evaluationState(), State::UpToDate);

        job->setResultHook({});
        m_quant->undoStack()->setIndex(0);
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        m_quant->setResultCacheSize(4);
    }

    void cancelKeepsPreviousReport()
    {
        m_quant->setResultCacheSize(0);
        const auto before = m_quant->report();
        m_quant->editDefaults([](ql::QuantDefaults& d) { d.weights.bits = 5; },
                              QStringLiteral("W5"));
        QTRY_VERIFY_WITH_TIMEOUT(m_quant->evaluationState() == State::Evaluating, 10000);
        m_quant->cancel();
        QVERIFY(!m_quant->isBusy());
        QCOMPARE(m_quant->evaluationState(), State::Cancelled);
        QCOMPARE(m_quant->report(), before);
        m_quant->evaluationJob()->waitForWorkers(); // a late worker result must be dropped
        QCOMPARE(m_quant->report(), before);
        m_quant->reevaluate();
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        QCOMPARE(m_quant->report()->layers.front().config.weights.bits, 5);
        m_quant->undoStack()->undo();
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
        m_quant->setResultCacheSize(4);
    }

    void saveOpenAndMismatch()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cfg.json"));
        const QString layer = m_quant->layerNames().at(1);
        m_quant->editLayers(
            {layer}, [](ql::LayerOverride& o) { o.keepFloat = true; }, QStringLiteral("float"));
        const ql::QuantConfig saved = m_quant->config();
        QVERIFY(m_quant->isDirty());
        QVERIFY(m_quant->saveConfig(path));
        QVERIFY(!m_quant->isDirty());
        QCOMPARE(m_quant->configPath(), path);

        // Back to the defaults, then open: one command, clean, identical config.
        m_quant->undoStack()->undo();
        QVERIFY(m_quant->isDirty());
        m_quant->openConfig(path);
        QVERIFY(m_quant->config() == saved);
        QVERIFY(!m_quant->isDirty());

        // A broken file: failed(), the config stays.
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"schema_version\": 1, \"defaults\": {\"weights\": {\"bits\": 17}}}");
        f.close();
        QSignalSpy failed(m_quant.get(), &QuantSession::failed);
        m_quant->openConfig(bad);
        QCOMPARE(failed.count(), 1);
        QVERIFY2(failed.at(0).at(1).toString().contains(QStringLiteral("bad.json")),
                 qPrintable(failed.at(0).at(1).toString()));
        QVERIFY(m_quant->config() == saved);
        m_errors->clear(); // that one was expected

        // Another model's sha256: modelMismatch, then only the matching layers apply.
        ql::QuantConfig foreignFile = saved;
        foreignFile.model.sha256 = std::string(64, 'a');
        foreignFile.layers["no_such_layer"].keepFloat = true;
        foreignFile.defaults.activations.bits = 7;
        const QString other = dir.filePath(QStringLiteral("other.json"));
        ql::saveQuantConfig(foreignFile, QFile::encodeName(other).toStdString());
        m_quant->setConfig(ql::presetConfig("w8a8"), QStringLiteral("reset"));
        ql::QuantConfig received;
        int mismatches = 0;
        auto c = connect(m_quant.get(), &QuantSession::modelMismatch, this,
                         [&](const QString& p, const ql::QuantConfig& foreign) {
                             QCOMPARE(p, other);
                             received = foreign;
                             ++mismatches;
                         });
        m_quant->openConfig(other);
        disconnect(c);
        QCOMPARE(mismatches, 1);
        const int steps = m_quant->undoStack()->count();
        m_quant->applyMatchingLayers(received);
        QCOMPARE(m_quant->undoStack()->count(), steps + 1);
        QCOMPARE(m_quant->config().layers.size(), size_t(1));
        QVERIFY(m_quant->config().layers.count(layer.toStdString()));
        QCOMPARE(m_quant->config().defaults.activations.bits, 7);
        QCOMPARE(m_quant->config().model.sha256, m_session->model()->sha256);
        m_quant->undoStack()->undo();
        QCOMPARE(m_quant->config().defaults.activations.bits, 8);
        QL_WAIT_UP_TO_DATE(*m_quant, *m_errors);
    }

    void exportAndExplain()
    {
        QTemporaryDir dir;
        QVERIFY(m_quant->exportReport(dir.filePath(QStringLiteral("r.json"))));
        QVERIFY(m_quant->exportReport(dir.filePath(QStringLiteral("r.csv"))));
        QVERIFY(QFile::exists(dir.filePath(QStringLiteral("r_exits.csv"))));
        QFile json(dir.filePath(QStringLiteral("r.json")));
        QVERIFY(json.open(QIODevice::ReadOnly));
        QVERIFY(json.readAll().contains(ql::kReportFormat));
        QSignalSpy failed(m_quant.get(), &QuantSession::failed);
        QVERIFY(!m_quant->exportReport(dir.filePath(QStringLiteral("r.txt"))));
        QCOMPARE(failed.count(), 1);
        m_errors->clear();

        // The first conv, element (o=0, y=3, x=3) of sample 2, with and without the batch dim.
        const QString conv = m_quant->layerNames().front();
        const ql::ExplainResult a = m_quant->explain(conv, {0, 3, 3}, 2);
        const ql::ExplainResult b = m_quant->explain(conv, {2, 0, 3, 3}, 2);
        QCOMPARE(a.outputCode, b.outputCode);
        QCOMPARE(a.sample, int64_t(2));
        QVERIFY(!a.terms.empty());
        QVERIFY_THROWS_EXCEPTION(ql::Error, m_quant->explain(conv, {0, 3, 3}, 100000));
    }

    void baselinePinAndClear()
    {
        QSignalSpy changed(m_quant.get(), &QuantSession::baselineChanged);
        m_quant->pinBaseline(QStringLiteral("w8a8"));
        QCOMPARE(m_quant->baseline(), m_quant->report());
        QCOMPARE(m_quant->baselineName(), QStringLiteral("w8a8"));
        m_quant->clearBaseline();
        QVERIFY(!m_quant->baseline());
        QCOMPARE(changed.count(), 2);
    }

    void cleanupTestCase()
    {
        m_errors.reset();
        m_quant.reset();
        m_session.reset();
    }

private:
    std::unique_ptr<ql::Session> m_session;
    std::unique_ptr<QuantSession> m_quant;
    std::unique_ptr<QSignalSpy> m_errors;
};

QTEST_MAIN(TestQuantSession)
#include "test_quant_session.moc"
