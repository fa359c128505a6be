// MainWindow offscreen: opening the demo fills the layer table off the GUI thread, a bad file
// takes the error path and leaves the loaded model in place, recent files and settings work.
#include <QDir>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QTabWidget>
#include <QTextBrowser>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "app/help_dialog.h"
#include "app/main_window.h"
#include "app/quant_page.h"
#include "app/model_page.h"
#include "app/recent_files.h"
#include "app/resource_locator.h"
#include "widgets/layer_table_view.h"
#include "widgets/model_summary_widget.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"
#include "scratch_settings.h"

using ql::MainWindow;

// Waits until cond holds or an error was reported; fails with the error's text.
#define QL_WAIT_OR_FAIL(cond, errors, timeoutMs)                                                \
    do {                                                                                       \
        QTRY_VERIFY_WITH_TIMEOUT((cond) || (errors).count() > 0, timeoutMs);                   \
        if ((errors).count() > 0)                                                              \
            QFAIL(qPrintable((errors).at(0).at(1).toString()));                                \
    } while (false)

class TestMainWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        useScratchSettings(m_settingsDir, QStringLiteral("QuantLensTest"));
    }

    void opensModelAndRejectsBadFile()
    {
        const QString model = ql::demoModelPath();
        QVERIFY2(QFile::exists(model), qPrintable(model + " is missing"));

        MainWindow window;
        window.setErrorMode(MainWindow::ErrorMode::Signal);
        window.show();
        QSignalSpy errors(&window, &MainWindow::errorReported);

        window.openModel(model);
        QTableView* table = window.modelPage()->layerTable()->tableView();
        QL_WAIT_OR_FAIL(window.session()->model() != nullptr, errors, 60000);
        const int nodes = int(window.session()->model()->graph.nodes.size());
        QVERIFY(nodes > 0);
        QCOMPARE(table->model()->rowCount(), nodes);
        QVERIFY(window.windowTitle().contains(QStringLiteral("multiexit_cnn.onnx")));
        QCOMPARE(window.modelPage()->summary()->exitsTree()->topLevelItemCount(),
                 int(window.session()->model()->exits.size()));
        QCOMPARE(errors.count(), 0);

        // The filter narrows the table; clearing it restores every row.
        window.modelPage()->layerTable()->filterEdit()->setText(QStringLiteral("Conv"));
        QVERIFY(table->model()->rowCount() < nodes);
        QVERIFY(table->model()->rowCount() > 0);
        window.modelPage()->layerTable()->filterEdit()->clear();
        QCOMPARE(table->model()->rowCount(), nodes);

        // A file that is not ONNX: one error naming it, the demo stays loaded.
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("broken.onnx"));
        QFile f(bad);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("definitely not a model");
        f.close();
        const auto before = window.session()->model();
        window.openModel(bad);
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 60000);
        QVERIFY2(errors.at(0).at(1).toString().contains(QStringLiteral("broken.onnx")),
                 qPrintable(errors.at(0).at(1).toString()));
        QCOMPARE(window.session()->model(), before);
        QCOMPARE(table->model()->rowCount(), nodes);
        QVERIFY(window.windowTitle().contains(QStringLiteral("multiexit_cnn.onnx")));

        // Only successful opens enter Open Recent.
        const QStringList recent = window.recentFiles()->entries();
        QCOMPARE(recent.size(), 1);
        QVERIFY(recent.front().endsWith(QStringLiteral("multiexit_cnn.onnx")));
    }

    void evaluatesDemoOffGuiThread()
    {
        QVERIFY2(QFileInfo(ql::demoDataDir()).isDir(), qPrintable(ql::demoDataDir() + " is missing"));
        MainWindow window;
        window.setErrorMode(MainWindow::ErrorMode::Signal);
        QSignalSpy errors(&window, &MainWindow::errorReported);
        window.openDemo();
        QL_WAIT_OR_FAIL(window.session()->evaluation() != nullptr, errors, 240000);
        const auto result = window.session()->evaluation();
        QCOMPARE(result->exits.size(), window.session()->model()->exits.size());
        QCOMPARE(result->samples, window.session()->dataset()->size());
        QTreeWidget* exits = window.modelPage()->summary()->exitsTree();
        QVERIFY(exits->topLevelItem(0)->text(4).endsWith(QStringLiteral("%")));
    }

    void badDataFolderKeepsPrevious()
    {
        MainWindow window;
        window.setErrorMode(MainWindow::ErrorMode::Signal);
        window.session()->setAutoEvaluate(false);
        QSignalSpy errors(&window, &MainWindow::errorReported);
        window.openModel(ql::demoModelPath());
        window.openDataFolder(ql::demoDataDir());
        QL_WAIT_OR_FAIL(window.session()->dataset() != nullptr, errors, 120000);
        const auto data = window.session()->dataset();
        QTemporaryDir empty;
        window.openDataFolder(empty.path());
        QTRY_COMPARE_WITH_TIMEOUT(errors.count(), 1, 60000);
        QCOMPARE(window.session()->dataset(), data);
        QCOMPARE(window.session()->dataDir(), ql::demoDataDir());
    }

    void cancelDropsResults()
    {
        MainWindow window;
        window.setErrorMode(MainWindow::ErrorMode::Signal);
        QSignalSpy cancelled(window.session(), &ql::Session::cancelled);
        QSignalSpy dropped(window.session()->modelJob(), &ql::JobSlot::dropped);
        window.openModel(ql::demoModelPath());
        window.session()->cancel();
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!window.session()->isBusy());
        // The loader cannot be interrupted: it finishes with a model, which is stale and must
        // not appear. waitForWorkers() returns once that result has been delivered.
        window.session()->modelJob()->waitForWorkers();
        QCOMPARE(dropped.count(), 1);
        QVERIFY(window.session()->model() == nullptr);
    }

    void recentFilesAreCappedAndClearable()
    {
        QSettings().remove(QStringLiteral("recentFiles"));
        QMenu menu;
        ql::RecentFiles recent(&menu);
        for (int i = 0; i < 12; ++i)
            recent.add(QStringLiteral("/tmp/model_%1.onnx").arg(i));
        QCOMPARE(recent.entries().size(), ql::RecentFiles::MaxEntries);
        QVERIFY(recent.entries().front().endsWith(QStringLiteral("model_11.onnx")));
        recent.add(QStringLiteral("/tmp/model_5.onnx")); // moves to the front, no duplicate
        QCOMPARE(recent.entries().front(), QStringLiteral("/tmp/model_5.onnx"));
        QCOMPARE(recent.entries().count(QStringLiteral("/tmp/model_5.onnx")), 1);

        ql::RecentFiles reloaded(new QMenu(&menu)); // persisted through QSettings
        QCOMPARE(reloaded.entries(), recent.entries());
        recent.clear();
        QVERIFY(recent.entries().isEmpty());
        QVERIFY(QSettings().value(QStringLiteral("recentFiles")).toStringList().isEmpty());
        QVERIFY(QSettings().fileName().startsWith(m_settingsDir.path()));
    }

    // Issue 14: any folder reopened as the evaluation folder. Entries keep their kind.
    void recentFilesKeepTheirKind()
    {
        QSettings().remove(QStringLiteral("recentFiles"));
        QTemporaryDir calib, eval; // entries of missing paths are disabled: use real folders
        const QString calibPath = QDir::cleanPath(calib.path());
        const QString evalPath = QDir::cleanPath(eval.path());
        QMenu menu;
        ql::RecentFiles recent(&menu);
        QSignalSpy open(&recent, &ql::RecentFiles::openRequested);
        recent.add(calibPath, ql::RecentFiles::Kind::CalibrationFolder);
        recent.add(evalPath, ql::RecentFiles::Kind::EvaluationFolder);
        recent.add(QStringLiteral("/tmp/m.onnx"), ql::RecentFiles::Kind::Model);
        QCOMPARE(recent.entries(ql::RecentFiles::Kind::CalibrationFolder), QStringList{calibPath});
        ql::RecentFiles reloaded(new QMenu(&menu));
        QCOMPARE(reloaded.entries(ql::RecentFiles::Kind::EvaluationFolder), QStringList{evalPath});
        // One section per kind; an entry asks to be opened as what it was.
        QStringList sections;
        for (QAction* a : menu.actions())
            if (a->isSeparator() && !a->text().isEmpty())
                sections << a->text();
        QCOMPARE(sections, (QStringList{QStringLiteral("Models"), QStringLiteral("Calibration folders"),
                                        QStringLiteral("Evaluation folders")}));
        for (QAction* a : menu.actions())
            if (a->statusTip() == QDir::toNativeSeparators(calibPath))
                a->trigger();
        QCOMPARE(open.count(), 1);
        QCOMPARE(open.at(0).at(0).value<ql::RecentFiles::Kind>(), ql::RecentFiles::Kind::CalibrationFolder);
        QCOMPARE(open.at(0).at(1).toString(), calibPath);
        recent.clear();
    }

    // Dropping an .onnx opens the model, a folder the evaluation images, a .json the config;
    // other files are refused at drag-enter.
    void dragAndDropOpensFiles()
    {
        MainWindow window;
        window.setErrorMode(MainWindow::ErrorMode::Signal);
        window.session()->setAutoEvaluate(false);
        window.session()->setDatasetLimit(20);
        window.quantSession()->setCalibrationLimit(20);
        QSignalSpy errors(&window, &MainWindow::errorReported);
        auto drop = [&](const QString& path) {
            QMimeData mime;
            mime.setUrls({QUrl::fromLocalFile(path)});
            QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(&window, &enter);
            if (!enter.isAccepted())
                return false;
            QDropEvent dropEvent(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
            QCoreApplication::sendEvent(&window, &dropEvent);
            return true;
        };
        QVERIFY(!drop(QStringLiteral(QL_TEST_SOURCE_DIR "/CMakeLists.txt")));
        QVERIFY(drop(ql::demoModelPath()));
        QL_WAIT_OR_FAIL(window.session()->model() != nullptr, errors, 60000);
        QVERIFY(drop(ql::demoDataDir()));
        QL_WAIT_OR_FAIL(window.session()->dataset() != nullptr, errors, 120000);
        QCOMPARE(window.session()->dataDir(), ql::demoDataDir());
        QL_WAIT_OR_FAIL(window.quantSession()->report() != nullptr && !window.quantSession()->isBusy(),
                        errors, 120000);

        QTemporaryDir dir;
        const QString config = dir.filePath(QStringLiteral("w4.json"));
        window.quantPage()->applyPreset(QStringLiteral("w4a8"));
        QVERIFY(window.quantSession()->saveConfig(config));
        window.quantPage()->applyPreset(QStringLiteral("w8a8"));
        QVERIFY(window.quantSession()->saveConfig(dir.filePath(QStringLiteral("w8.json"))));
        QVERIFY(drop(config));
        QL_WAIT_OR_FAIL(window.quantSession()->configPath() == config, errors, 10000);
        QCOMPARE(window.quantSession()->config().defaults.weights.bits, 4);
    }

    void helpAndPageKeys()
    {
        MainWindow window;
        window.setErrorMode(MainWindow::ErrorMode::Signal);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto* pages = window.findChild<QTabWidget*>();
        QVERIFY(pages);
        pages->setCurrentIndex(0);
        QTest::keyClick(&window, Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(pages->currentIndex(), 1);
        QTest::keyClick(&window, Qt::Key_PageUp, Qt::ControlModifier);
        QTest::keyClick(&window, Qt::Key_PageUp, Qt::ControlModifier); // wraps around
        QCOMPARE(pages->currentIndex(), pages->count() - 1);

        QTest::keyClick(&window, Qt::Key_F1);
        auto* help = window.findChild<ql::HelpDialog*>();
        QVERIFY(help);
        QVERIFY(help->isVisible());
        const QString text = help->browser()->toPlainText();
        for (const char* term : {"zero point", "M0", "shift", "LSB", "SQNR", "Local", "Propagated",
                                 "Per-channel"})
            QVERIFY2(text.contains(QLatin1String(term)), term);
    }

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
