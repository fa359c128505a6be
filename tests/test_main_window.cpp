// MainWindow offscreen: opening the demo fills the layer table off the GUI thread, a bad file
// takes the error path and leaves the loaded model in place, recent files and settings work.
#include <QLineEdit>
#include <QMenu>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTreeWidget>
#include <QtTest>

#include "app/main_window.h"
#include "app/model_page.h"
#include "app/recent_files.h"
#include "app/resource_locator.h"
#include "widgets/layer_table_view.h"
#include "widgets/model_summary_widget.h"
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
        QSignalSpy cancelled(window.session()->jobs(), &ql::JobRunner::cancelled);
        window.openModel(ql::demoModelPath());
        window.session()->cancel();
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!window.session()->jobs()->isBusy());
        // Whatever the worker still delivers is stale and must not appear.
        QTest::qWait(500);
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

private:
    QTemporaryDir m_settingsDir;
};

QTEST_MAIN(TestMainWindow)
#include "test_main_window.moc"
