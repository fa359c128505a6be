#pragma once
// The Lessons panel: a guided sequence of steps (resources/lessons/<lang>/*.json) over the
// live QuantSession. Each step shows its rich text with the placeholders resolved against the
// current report, quantized model and explain() walk-through; selects its layer (the layer
// table, the charts and the inspector follow); shows its chart; can open the Inspector on the
// step's element; and its "Try it" pushes a config change on the undo stack (pinning the
// current report as the baseline first), then explains what changed with the measured numbers.

#include <QWidget>

#include <memory>
#include <optional>
#include <vector>

#include "core/lessons/lesson.h"
#include "core/lessons/lesson_values.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTextBrowser;
class QToolButton;

namespace ql {

class DriftChart;
class ErrorHistogramChart;
class ExitAccuracyChart;
class ExitPolicyWidget;
class QuantSession;
class ValueHistogramChart;

class LessonsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LessonsPanel(QuantSession* session, QWidget* parent = nullptr);
    ~LessonsPanel() override;

    // Loads every lesson of `dir` (errors, naming the file, are shown in the panel).
    void setLessonDirectory(const QString& dir);
    QString lessonDirectory() const { return m_dir; }
    const std::vector<Lesson>& lessons() const { return m_lessons; }

    int currentLesson() const { return m_lesson; }
    int currentStep() const { return m_step; }
    void showStep(int lesson, int step);

    // What the panel shows now (tests, screenshots).
    const ResolvedText& currentText() const { return m_text; }
    const std::optional<ResolvedText>& tryItResult() const { return m_tryResult; }
    QString currentLayer() const { return m_layer; }
    QTextBrowser* textView() const { return m_view; }
    QPushButton* tryItButton() const { return m_try; }
    QWidget* currentVisual() const;

    // The handout (the current lesson or all of them) as self-contained HTML, walked off the
    // GUI thread on the session's model, data and config; exportFinished reports the path or
    // the error.
    void exportHandout(const QString& path, bool allLessons);

public slots:
    void next();
    void back();
    void tryIt();
    void openInspector();

signals:
    void inspectRequested(const QString& layer, const std::vector<int64_t>& index);
    void stepChanged(int lesson, int step);
    void tryItFinished();
    void exportFinished(const QString& path, const QString& error);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void refresh();
    void onReport();
    void showVisual(const std::string& visual);
    void browseExport(bool allLessons);
    LessonContext context() const;
    int totalSteps() const;
    int stepsBefore(int lesson) const;

    QuantSession* m_session;
    QString m_dir;
    std::string m_language = "en";
    std::vector<Lesson> m_lessons;
    int m_lesson = 0;
    int m_step = 0;
    QString m_layer;
    std::vector<int64_t> m_element;
    ResolvedText m_text;
    QString m_loadError;
    bool m_stale = false; // a report arrived while hidden: refresh when shown

    // Try it: the report and model before the change, the config it waits for, the result.
    struct PendingTry;
    std::unique_ptr<PendingTry> m_pending;
    std::optional<ResolvedText> m_tryResult;

    QComboBox* m_lessonBox;
    QLabel* m_progressLabel;
    QProgressBar* m_progress;
    QLabel* m_title;
    QTextBrowser* m_view;
    QStackedWidget* m_visuals;
    QLabel* m_noVisual;
    ValueHistogramChart* m_valueChart;
    ErrorHistogramChart* m_errorChart;
    DriftChart* m_drift;
    ExitAccuracyChart* m_exits;
    ExitPolicyWidget* m_policy;
    QPushButton* m_back;
    QPushButton* m_next;
    QPushButton* m_try;
    QPushButton* m_inspect;
    QToolButton* m_export;
};

} // namespace ql
