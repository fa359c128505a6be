// The Lessons page on the demo CNN, offscreen, in English and in Brazilian Portuguese: every
// step of every lesson shows resolved text (no {placeholder} left) and selects its layer in
// the session; a Try it is one undoable config change whose explanation resolves once the
// changed config is evaluated; pt_BR loads the translated UI and the pt_BR lesson files.
// With QL_LESSON_SCREENSHOTS=DIR it also writes the screenshots committed under docs/.
#include <QMenuBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTextBrowser>
#include <QUndoStack>
#include <QtTest>

#include "app/lessons_page.h"
#include "app/main_window.h"
#include "app/translations.h"
#include "widgets/lessons_panel.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"
#include "scratch_settings.h"

using namespace ql;

class TestLessonsPanel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_settingsDir;

    static int lessonIndex(const LessonsPanel* panel, const std::string& id)
    {
        for (size_t i = 0; i < panel->lessons().size(); ++i)
            if (panel->lessons()[i].id == id)
                return int(i);
        return -1;
    }

    static void waitForReport(MainWindow& window)
    {
        QuantSession* q = window.quantSession();
        QTRY_VERIFY_WITH_TIMEOUT(q->report() && window.session()->evaluation() &&
                                     q->evaluationState() == QuantSession::EvaluationState::UpToDate,
                                 240000);
    }

    static void shoot(MainWindow& window, const QString& name)
    {
        const QString dir = qEnvironmentVariable("QL_LESSON_SCREENSHOTS");
        if (dir.isEmpty())
            return;
        QTest::qWait(300); // let the charts finish their layout
        QVERIFY(window.grab().save(dir + QLatin1Char('/') + name));
    }

    void walk(const QString& language)
    {
        installTranslations(language);
        MainWindow window;
        window.setErrorMode(MainWindow::ErrorMode::Signal);
        window.resize(1400, 850);
        window.show();
        QSignalSpy errors(&window, &MainWindow::errorReported);
        auto* page = window.findChild<LessonsPage*>();
        QVERIFY(page);
        LessonsPanel* panel = page->panel();
        QCOMPARE(QFileInfo(panel->lessonDirectory()).fileName(), language);
        QVERIFY(panel->lessons().size() >= 10);
        window.openDemo();
        waitForReport(window);
        QCOMPARE(errors.count(), 0);
        QVERIFY(window.showPage(QStringLiteral("lessons")));

        QuantSession* q = window.quantSession();
        const QString suffix = language == QLatin1String("en") ? QString() : QStringLiteral("-") + language;
        for (int l = 0; l < int(panel->lessons().size()); ++l) {
            for (int s = 0; s < int(panel->lessons()[size_t(l)].steps.size()); ++s) {
                panel->showStep(l, s);
                const QString where = QStringLiteral("%1 step %2").arg(QString::fromStdString(panel->lessons()[size_t(l)].id)).arg(s);
                QVERIFY2(panel->currentText().unresolved.empty(),
                         qPrintable(where + ": {" + QString::fromStdString(panel->currentText().unresolved.empty() ? std::string() : panel->currentText().unresolved.front()) + "}"));
                QVERIFY2(!panel->currentText().values.empty(), qPrintable(where + ": no live value"));
                QVERIFY2(!panel->textView()->toPlainText().contains(QLatin1Char('{')), qPrintable(where));
                if (!panel->currentLayer().isEmpty())
                    QCOMPARE(q->selectedLayer(), panel->currentLayer()); // the table follows
                if (panel->lessons()[size_t(l)].id == "b_integer_linear" && s == 2)
                    shoot(window, QStringLiteral("lesson-b-integer-linear%1.png").arg(suffix));
                if (panel->lessons()[size_t(l)].id == "j_early_exits" && s == 1)
                    shoot(window, QStringLiteral("lesson-j-exit-policy%1.png").arg(suffix));
            }
        }

        // Try it on lesson (d): truncation everywhere, one undo step, explained with numbers.
        const int d = lessonIndex(panel, "d_rounding");
        QVERIFY(d >= 0);
        panel->showStep(d, 1);
        QVERIFY(panel->tryItButton()->isVisible());
        const QuantConfig before = q->config();
        const int undoIndex = q->undoStack()->index();
        QSignalSpy finished(panel, &LessonsPanel::tryItFinished);
        panel->tryItButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 240000);
        QCOMPARE(q->undoStack()->index(), undoIndex + 1);
        QCOMPARE(q->config().defaults.weights.rounding, RoundingMode::TowardZero);
        QCOMPARE(q->config().defaults.activations.rounding, RoundingMode::TowardZero);
        QVERIFY(q->baseline()); // the report before the change, for the drift overlay
        QVERIFY(panel->tryItResult());
        QVERIFY2(panel->tryItResult()->unresolved.empty(),
                 qPrintable(QString::fromStdString(panel->tryItResult()->unresolved.empty() ? std::string() : panel->tryItResult()->unresolved.front())));
        QVERIFY(panel->tryItResult()->values.size() >= 8);
        QVERIFY(!panel->textView()->toPlainText().contains(QLatin1Char('{')));
        shoot(window, QStringLiteral("lesson-d-rounding-try%1.png").arg(suffix));
        q->undoStack()->undo();
        QCOMPARE(q->config(), before);

        if (language == QLatin1String("pt_BR")) {
            // The UI is translated too: the File menu and the page's tab title.
            QCOMPARE(window.menuBar()->actions().at(0)->text(), QStringLiteral("&Arquivo"));
            QCOMPARE(page->title(), QStringLiteral("Lições"));
        }
        installTranslations(QStringLiteral("en"));
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_settingsDir.isValid());
        useScratchSettings(m_settingsDir, QStringLiteral("QuantLensLessonsTest"));
    }

    void english()
    {
        QSettings().setValue(QStringLiteral("language"), QStringLiteral("en"));
        walk(QStringLiteral("en"));
    }

    void portuguese()
    {
        QSettings().setValue(QStringLiteral("language"), QStringLiteral("pt_BR"));
        QVERIFY(availableLanguages().contains(QStringLiteral("pt_BR")));
        walk(QStringLiteral("pt_BR"));
    }
};

QTEST_MAIN(TestLessonsPanel)
#include "test_lessons_panel.moc"
