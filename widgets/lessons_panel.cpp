#include "widgets/lessons_panel.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QShowEvent>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTextBrowser>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include "core/error.h"
#include "core/lessons/lesson_actions.h"
#include "core/lessons/lesson_handout.h"
#include "widgets/drift_chart.h"
#include "widgets/error_histogram_chart.h"
#include "widgets/exit_charts.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

namespace ql {

struct LessonsPanel::PendingTry
{
    int lesson = 0;
    int step = 0;
    QuantConfig expected;
    std::shared_ptr<const EvaluationReport> before;
    std::shared_ptr<const QuantizedModel> beforeModel;
};

namespace {

constexpr int kCodeSamples = 100; // images compared code by code (lesson g)

QString html(const std::string& s)
{
    return QString::fromStdString(s);
}

} // namespace

LessonsPanel::LessonsPanel(QuantSession* session, QWidget* parent)
    : QWidget(parent), m_session(session), m_lessonBox(new QComboBox), m_progressLabel(new QLabel),
      m_progress(new QProgressBar), m_title(new QLabel), m_view(new QTextBrowser),
      m_visuals(new QStackedWidget), m_noVisual(new QLabel), m_valueChart(new ValueHistogramChart),
      m_errorChart(new ErrorHistogramChart), m_drift(new DriftChart), m_exits(new ExitAccuracyChart),
      m_policy(new ExitPolicyWidget), m_back(new QPushButton(tr("◀ &Back"))),
      m_next(new QPushButton(tr("&Next ▶"))), m_try(new QPushButton), m_inspect(new QPushButton(tr("Open in &Inspector"))),
      m_export(new QToolButton)
{
    m_lessonBox->setObjectName(QStringLiteral("lessonBox"));
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(8);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_view->setOpenExternalLinks(false);
    m_view->document()->setDefaultStyleSheet(QStringLiteral(
        "p { margin-bottom: 6px; } .try { background: #fdf2e9; } .na { color: #555; }"));
    m_noVisual->setAlignment(Qt::AlignCenter);
    m_noVisual->setWordWrap(true);
    for (QWidget* w : std::initializer_list<QWidget*>{m_noVisual, m_valueChart, m_errorChart, m_drift, m_exits, m_policy})
        m_visuals->addWidget(w);
    m_try->setObjectName(QStringLiteral("tryIt"));
    m_export->setText(tr("Export &Handout"));
    m_export->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(m_export);
    menu->addAction(tr("This Lesson…"), this, [this] { browseExport(false); });
    menu->addAction(tr("All Lessons…"), this, [this] { browseExport(true); });
    m_export->setMenu(menu);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Lesson:")));
    top->addWidget(m_lessonBox, 1);
    top->addWidget(m_progressLabel);
    top->addWidget(m_export);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_back);
    buttons->addWidget(m_try);
    buttons->addWidget(m_inspect);
    buttons->addStretch(1);
    buttons->addWidget(m_next);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_view);
    split->addWidget(m_visuals);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_progress);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);
    layout->addLayout(buttons);

    connect(m_lessonBox, &QComboBox::activated, this, [this](int i) { showStep(i, 0); });
    connect(m_back, &QPushButton::clicked, this, &LessonsPanel::back);
    connect(m_next, &QPushButton::clicked, this, &LessonsPanel::next);
    connect(m_try, &QPushButton::clicked, this, &LessonsPanel::tryIt);
    connect(m_inspect, &QPushButton::clicked, this, &LessonsPanel::openInspector);
    connect(m_session, &QuantSession::reportAvailable, this, &LessonsPanel::onReport);
    connect(m_session, &QuantSession::baselineChanged, this, [this] {
        m_drift->setBaseline(m_session->baseline(), m_session->baselineName());
        m_exits->setBaseline(m_session->baseline(), m_session->baselineName());
    });
    connect(m_session, &QuantSession::planChanged, this, &LessonsPanel::refresh);
    refresh();
}

LessonsPanel::~LessonsPanel() = default;

void LessonsPanel::setLessonDirectory(const QString& dir)
{
    m_dir = dir;
    m_language = QFileInfo(dir).fileName().toStdString();
    m_lessons.clear();
    m_loadError.clear();
    try {
        m_lessons = loadLessons(dir.toStdString());
    } catch (const std::exception& e) {
        m_loadError = QString::fromUtf8(e.what());
    }
    m_lessonBox->clear();
    for (const Lesson& l : m_lessons)
        m_lessonBox->addItem(QString::fromStdString(l.title));
    m_lesson = m_step = 0;
    m_tryResult.reset();
    m_pending.reset();
    refresh();
}

int LessonsPanel::totalSteps() const
{
    return stepsBefore(int(m_lessons.size()));
}

int LessonsPanel::stepsBefore(int lesson) const
{
    int n = 0;
    for (int i = 0; i < lesson && i < int(m_lessons.size()); ++i)
        n += int(m_lessons[size_t(i)].steps.size());
    return n;
}

void LessonsPanel::showStep(int lesson, int step)
{
    if (m_lessons.empty())
        return;
    lesson = std::clamp(lesson, 0, int(m_lessons.size()) - 1);
    step = std::clamp(step, 0, int(m_lessons[size_t(lesson)].steps.size()) - 1);
    if (lesson != m_lesson || step != m_step) {
        m_tryResult.reset();
        m_pending.reset();
    }
    m_lesson = lesson;
    m_step = step;
    refresh();
    if (!m_layer.isEmpty() && m_layer != m_session->selectedLayer())
        m_session->selectLayer(m_layer); // the table, charts and inspector follow
    emit stepChanged(m_lesson, m_step);
}

void LessonsPanel::next()
{
    if (m_lessons.empty())
        return;
    if (m_step + 1 < int(m_lessons[size_t(m_lesson)].steps.size()))
        showStep(m_lesson, m_step + 1);
    else if (m_lesson + 1 < int(m_lessons.size()))
        showStep(m_lesson + 1, 0);
}

void LessonsPanel::back()
{
    if (m_step > 0)
        showStep(m_lesson, m_step - 1);
    else if (m_lesson > 0)
        showStep(m_lesson - 1, int(m_lessons[size_t(m_lesson - 1)].steps.size()) - 1);
}

LessonContext LessonsPanel::context() const
{
    LessonContext ctx;
    ctx.qmodel = m_session->quantizedModel().get();
    ctx.report = m_session->report().get();
    if (const auto data = m_session->evaluationData())
        ctx.images = &data->images;
    ctx.language = m_language;
    return ctx;
}

QWidget* LessonsPanel::currentVisual() const
{
    return m_visuals->currentWidget();
}

void LessonsPanel::showVisual(const std::string& visual)
{
    const auto report = m_session->report();
    if (visual == "value_histogram") {
        m_valueChart->setReport(report);
        m_valueChart->setSelectedLayer(m_layer);
        m_visuals->setCurrentWidget(m_valueChart);
    } else if (visual == "error_histogram" || visual == "inspector") {
        m_errorChart->setReport(report);
        m_errorChart->setSelectedLayer(m_layer);
        m_visuals->setCurrentWidget(m_errorChart);
    } else if (visual == "drift") {
        m_drift->setReport(report);
        m_drift->setBaseline(m_session->baseline(), m_session->baselineName());
        m_drift->setSelectedLayer(m_layer);
        m_visuals->setCurrentWidget(m_drift);
    } else if (visual == "exits") {
        m_exits->setReport(report);
        m_exits->setBaseline(m_session->baseline(), m_session->baselineName());
        m_visuals->setCurrentWidget(m_exits);
    } else if (visual == "exit_policy") {
        m_policy->setReport(report);
        m_visuals->setCurrentWidget(m_policy);
    } else {
        m_noVisual->setText(visual == "table" && !m_layer.isEmpty()
                                ? tr("%1 is selected in the Quantize page's layer table.").arg(m_layer)
                                : QString());
        m_visuals->setCurrentWidget(m_noVisual);
    }
}

void LessonsPanel::refresh()
{
    const bool have = !m_lessons.empty();
    m_back->setEnabled(have && (m_lesson > 0 || m_step > 0));
    m_next->setEnabled(have && stepsBefore(m_lesson) + m_step + 1 < totalSteps());
    m_progress->setRange(0, std::max(1, totalSteps()));
    m_progress->setValue(have ? stepsBefore(m_lesson) + m_step + 1 : 0);
    if (!have) {
        m_title->clear();
        m_progressLabel->clear();
        m_view->setHtml(m_loadError.isEmpty() ? tr("No lessons loaded.") : m_loadError.toHtmlEscaped());
        m_try->hide();
        m_inspect->hide();
        showVisual("none");
        return;
    }
    const Lesson& lesson = m_lessons[size_t(m_lesson)];
    const LessonStep& step = lesson.steps[size_t(m_step)];
    m_lessonBox->setCurrentIndex(m_lesson);
    m_progressLabel->setText(tr("Lesson %1 of %2 · step %3 of %4")
                                 .arg(m_lesson + 1).arg(m_lessons.size())
                                 .arg(m_step + 1).arg(lesson.steps.size()));
    m_title->setText(QString::fromStdString(step.title));

    const LessonContext ctx = context();
    if (!ctx.report || !ctx.qmodel) {
        m_layer.clear();
        m_text = {};
        m_view->setHtml(tr("<p><i>The lesson needs a model with calibration data and a finished "
                           "evaluation: open a model (or File ▸ Open Demo) and wait for the "
                           "Quantize page's evaluation.</i></p>"));
        m_try->hide();
        m_inspect->hide();
        showVisual("none");
        return;
    }
    const LessonResolver resolver(ctx);
    m_layer = QString::fromStdString(resolver.selectLayer(step.layer.empty() ? lesson.layer : step.layer));
    const std::vector<std::string> missing = resolver.missingRequirements(step, m_layer.toStdString());
    QString body;
    bool explainable = false;
    try {
        if (!missing.empty()) {
            m_text = resolver.resolve(step.requirements.at(missing.front()), m_layer.toStdString());
            body = QStringLiteral("<div class='na'><p><b>%1</b></p>%2</div>")
                       .arg(tr("Does not apply to this model:"), html(m_text.html));
        } else {
            m_text = resolver.resolve(step.text, m_layer.toStdString());
            body = html(m_text.html);
            m_element = resolver.element(m_layer.toStdString());
            explainable = resolver.explanation(m_layer.toStdString()) != nullptr;
        }
    } catch (const std::exception& e) {
        m_text = {};
        body = QStringLiteral("<p><b>%1</b></p>").arg(QString::fromUtf8(e.what()).toHtmlEscaped());
    }
    if (m_tryResult)
        body += QStringLiteral("<table class='try' width='100%' cellpadding='6'><tr><td><p><b>%1</b></p>%2</td></tr></table>")
                    .arg(QString::fromStdString(step.tryIt ? step.tryIt->label : std::string()).toHtmlEscaped(),
                         html(m_tryResult->html));
    else if (m_pending)
        body += QStringLiteral("<p><i>%1</i></p>").arg(tr("Evaluating the changed config…"));
    m_view->setHtml(body);
    m_try->setVisible(step.tryIt.has_value() && missing.empty());
    if (step.tryIt)
        m_try->setText(QString::fromStdString(step.tryIt->label));
    m_try->setEnabled(!m_pending);
    m_inspect->setVisible(explainable);
    showVisual(missing.empty() ? step.visual : "none");
}

void LessonsPanel::tryIt()
{
    if (m_lessons.empty() || m_pending)
        return;
    const LessonStep& step = m_lessons[size_t(m_lesson)].steps[size_t(m_step)];
    const auto plan = m_session->plan();
    if (!step.tryIt || !plan || !m_session->report())
        return;
    QuantConfig changed;
    try {
        changed = applyLessonAction(m_session->config(), *step.tryIt, *plan);
    } catch (const std::exception& e) {
        m_view->append(QStringLiteral("<p><b>%1</b></p>").arg(QString::fromUtf8(e.what()).toHtmlEscaped()));
        return;
    }
    m_pending = std::make_unique<PendingTry>();
    m_pending->lesson = m_lesson;
    m_pending->step = m_step;
    m_pending->expected = changed;
    m_pending->before = m_session->report();
    m_pending->beforeModel = m_session->quantizedModel();
    m_tryResult.reset();
    const QString label = QString::fromStdString(step.tryIt->label);
    m_session->pinBaseline(tr("before “%1”").arg(label));
    if (changed == m_session->config()) { // already so: before and after are the same report
        onReport();
        return;
    }
    m_session->setConfig(changed, label); // undoable
    refresh();
}

void LessonsPanel::onReport()
{
    if (m_pending && m_session->config() == m_pending->expected && !m_session->isReportStale() &&
        m_session->report() && m_pending->lesson == m_lesson && m_pending->step == m_step) {
        const LessonStep& step = m_lessons[size_t(m_lesson)].steps[size_t(m_step)];
        LessonContext ctx = context();
        ctx.before = m_pending->before.get();
        ctx.after = m_session->report().get();
        const auto qmodel = m_session->quantizedModel();
        const auto data = m_session->evaluationData();
        try {
            if (lessonActionComparesCodes(*step.tryIt) && qmodel && m_pending->beforeModel && data)
                ctx.codes = compareQuantizedCodes(*m_pending->beforeModel, *qmodel, data->images,
                                                  kCodeSamples);
            m_tryResult = LessonResolver(ctx).resolve(step.tryIt->after, m_layer.toStdString());
        } catch (const std::exception& e) {
            m_tryResult = ResolvedText{QString::fromUtf8(e.what()).toHtmlEscaped().toStdString(), {}, {}};
        }
        m_pending.reset();
        refresh();
        emit tryItFinished();
        return;
    }
    if (!isVisible() && !m_pending) { // explain() costs an integer pass: not for a hidden page
        m_stale = true;
        return;
    }
    refresh();
}

void LessonsPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale) {
        m_stale = false;
        refresh();
    }
}

void LessonsPanel::openInspector()
{
    if (!m_layer.isEmpty())
        emit inspectRequested(m_layer, m_element);
}

void LessonsPanel::browseExport(bool allLessons)
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Lesson Handout"),
                                                      QStringLiteral("quantlens-lessons.html"),
                                                      tr("HTML files (*.html)"));
    if (!path.isEmpty())
        exportHandout(path, allLessons);
}

void LessonsPanel::exportHandout(const QString& path, bool allLessons)
{
    const auto model = m_session->session()->model();
    const auto calib = m_session->calibration();
    const auto data = m_session->evaluationData();
    if (!model || !calib || !data || m_lessons.empty()) {
        emit exportFinished(path, tr("%1: nothing to export: open a model with calibration and "
                                     "evaluation data first").arg(path));
        return;
    }
    auto lessons = std::make_shared<std::vector<Lesson>>();
    if (allLessons)
        *lessons = m_lessons;
    else
        lessons->push_back(m_lessons[size_t(m_lesson)]);
    HandoutInfo info;
    info.modelPath = m_session->session()->modelPath().toStdString();
    info.dataPath = QFileInfo(m_session->session()->dataDir()).fileName().toStdString();
    info.configName = m_session->configPath().isEmpty()
                          ? tr("current (unsaved)").toStdString()
                          : QFileInfo(m_session->configPath()).fileName().toStdString();
    info.language = m_language;
    info.generator = "QuantLens";
    const QuantConfig config = m_session->config();
    const std::string dir = m_dir.toStdString();
    const std::string language = m_language;
    m_export->setEnabled(false);
    auto* watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        m_export->setEnabled(true);
        emit exportFinished(path, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([=]() -> QString {
        try {
            LessonWalkInputs in;
            in.model = model.get();
            in.calibration = calib.get();
            in.data = data.get();
            in.config = config;
            in.language = language;
            LessonWalker walker(in);
            std::vector<HandoutLesson> walked;
            for (const Lesson& l : *lessons)
                walked.push_back({&l, walker.walk(l)});
            saveLessonHandout(lessonHandoutHtml(walked, info, loadLessonLabels(dir)), path.toStdString());
            return {};
        } catch (const std::exception& e) {
            return QString::fromUtf8(e.what());
        }
    }));
}

} // namespace ql
