#include "widgets/quant_summary_widget.h"

#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

#include "widgets/quant_session.h"
#include "widgets/session.h"
#include "core/text_format.h"

namespace ql {

namespace {

enum ExitColumn
{
    ExitName,
    ExitFp32,
    ExitQuant,
    ExitDelta,
    ExitAgreement,
    ExitBaseline,
    ExitColumns
};

const QString kDash = QStringLiteral("—");

QString bytesText(int64_t bytes)
{
    return formatHuman(double(bytes)) +
           (bytes >= 1000 ? QStringLiteral("B") : QStringLiteral(" B"));
}

QFormLayout* makeForm(QGroupBox* box)
{
    auto* form = new QFormLayout(box);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    form->setLabelAlignment(Qt::AlignLeft);
    return form;
}

QString folderText(const QString& dir, const std::shared_ptr<const Dataset>& data)
{
    const QString name = dir.isEmpty() ? QObject::tr("(evaluation folder)") : QDir(dir).dirName();
    return data ? QStringLiteral("%1 · %2").arg(name,
                                                formatQuantity(data->size(), "image", "images"))
                : name;
}

} // namespace

QuantSummaryWidget::QuantSummaryWidget(QuantSession* session, QWidget* parent)
    : QWidget(parent), m_session(session)
{
    auto* statusBox = new QGroupBox(tr("Evaluation"), this);
    auto* statusForm = makeForm(statusBox);
    m_status = addRow(statusForm, tr("Status"));
    m_time = addRow(statusForm, tr("Time"));
    m_config = addRow(statusForm, tr("Config"));
    m_calibration = addRow(statusForm, tr("Calibrated on"));
    m_evaluation = addRow(statusForm, tr("Evaluated on"));
    m_baseline = addRow(statusForm, tr("Baseline"));

    auto* sizeBox = new QGroupBox(tr("Size and cost"), this);
    auto* sizeForm = makeForm(sizeBox);
    m_coverage = addRow(sizeForm, tr("Integer coverage"));
    m_coverage->setToolTip(tr("Share of the MACs that run in integer arithmetic; the layer "
                              "table's Float column says why each float layer is float"));
    m_coverage->setWordWrap(true);
    m_fp32Size = addRow(sizeForm, tr("FP32 model"));
    m_quantSize = addRow(sizeForm, tr("Configured"));
    m_compression = addRow(sizeForm, tr("Compression"));
    m_bitOps = addRow(sizeForm, tr("Bit-ops / sample"));
    m_bitOps->setToolTip(tr("MACs × weight bits × activation bits (float layers: 32 × 32)"));

    auto* exitsBox = new QGroupBox(tr("Top-1 accuracy per exit"), this);
    m_exits = new QTreeWidget(exitsBox);
    m_exits->setRootIsDecorated(false);
    m_exits->setColumnCount(ExitColumns);
    m_exits->setHeaderLabels(
        {tr("Exit"), tr("FP32"), tr("Quant."), tr("Δ"), tr("Agree"), tr("Base")});
    m_exits->headerItem()->setToolTip(ExitQuant, tr("Quantized top-1 of the current config"));
    m_exits->headerItem()->setToolTip(ExitAgreement,
                                      tr("Samples whose quantized top-1 equals FP32's"));
    m_exits->headerItem()->setToolTip(ExitBaseline, tr("Quantized top-1 of the pinned baseline"));
    m_exits->setSelectionMode(QAbstractItemView::NoSelection);
    m_exits->setFocusPolicy(Qt::NoFocus);
    // Every column fits its contents (exit names are never elided to "e…"); a narrow panel
    // scrolls instead.
    m_exits->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    m_exits->header()->setStretchLastSection(false);
    m_exits->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_exits->header()->setSectionResizeMode(ExitName, QHeaderView::ResizeToContents);
    for (int c = ExitFp32; c < ExitColumns; ++c)
        m_exits->headerItem()->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    m_exitsNote = new QLabel(exitsBox);
    m_exitsNote->setWordWrap(true);
    auto* exitsLayout = new QVBoxLayout(exitsBox);
    exitsLayout->addWidget(m_exits);
    exitsLayout->addWidget(m_exitsNote);

    auto* layersBox = new QGroupBox(tr("Layers"), this);
    auto* layersForm = makeForm(layersBox);
    m_layers = addRow(layersForm, tr("Integer"));
    m_worst = addRow(layersForm, tr("Lowest SQNR"));
    m_overflows = addRow(layersForm, tr("int32 overflows"));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(statusBox);
    layout->addWidget(exitsBox);
    layout->addWidget(sizeBox);
    layout->addWidget(layersBox);
    layout->addStretch(1);

    connect(session, &QuantSession::evaluationStateChanged, this,
            &QuantSummaryWidget::updateStatus);
    connect(session, &QuantSession::busyChanged, this, &QuantSummaryWidget::updateStatus);
    connect(session, &QuantSession::progress, this, &QuantSummaryWidget::showProgress);
    connect(session, &QuantSession::reportAvailable, this, &QuantSummaryWidget::updateReport);
    connect(session, &QuantSession::baselineChanged, this, &QuantSummaryWidget::updateReport);
    connect(session, &QuantSession::calibrationChanged, this, &QuantSummaryWidget::updateInputs);
    connect(session, &QuantSession::configPathChanged, this, &QuantSummaryWidget::updateInputs);
    connect(session, &QuantSession::dirtyChanged, this, &QuantSummaryWidget::updateInputs);
    connect(session->session(), &Session::datasetChanged, this, &QuantSummaryWidget::updateInputs);
    updateReport();
}

QLabel* QuantSummaryWidget::addRow(QFormLayout* form, const QString& label)
{
    auto* value = new QLabel(form->parentWidget());
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    value->setWordWrap(true);
    value->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    value->setMinimumWidth(1);
    form->addRow(label + QLatin1Char(':'), value);
    return value;
}

void QuantSummaryWidget::showProgress(const QString& description, qint64 done, qint64 total)
{
    Q_UNUSED(description);
    m_progressText = total > 0 ? QStringLiteral(" %1 %").arg(100 * done / total) : QString();
    updateStatus();
}

void QuantSummaryWidget::updateStatus()
{
    using State = QuantSession::EvaluationState;
    QString text;
    QString colour; // empty: the palette's text colour
    switch (m_session->evaluationState()) {
    case State::Idle:
        text = tr("No model open");
        break;
    case State::WaitingForData:
        text = m_session->isCalibrating() ? tr("Calibrating…") + m_progressText
                                          : tr("Waiting for data (open a calibration or "
                                               "evaluation folder)");
        break;
    case State::Scheduled:
        text = tr("Edited — evaluating shortly…");
        break;
    case State::Evaluating:
        text = tr("Evaluating…") + m_progressText;
        colour = QStringLiteral("#1a5fb4");
        break;
    case State::UpToDate:
        text = tr("Up to date");
        colour = QStringLiteral("#26813a");
        break;
    case State::Cancelled:
        text = tr("Cancelled — the table shows the previous result");
        colour = QStringLiteral("#b36b00");
        break;
    case State::Failed:
        text = tr("Failed — the table shows the previous result");
        colour = QStringLiteral("#b02020");
        break;
    }
    m_status->setText(
        colour.isEmpty()
            ? text.toHtmlEscaped()
            : QStringLiteral("<b style=\"color:%1\">%2</b>").arg(colour, text.toHtmlEscaped()));
    const qint64 ms = m_session->lastEvaluationMs();
    m_time->setText(ms < 0 ? kDash : tr("%1 ms (build + evaluate)").arg(formatCount(ms)));
}

void QuantSummaryWidget::updateInputs()
{
    const QString path = m_session->configPath();
    QString config = path.isEmpty() ? tr("unsaved") : QFileInfo(path).fileName();
    if (m_session->isDirty())
        config += tr(" (modified)");
    m_config->setText(config);
    m_config->setToolTip(path);
    m_calibration->setText(m_session->calibration() ? folderText(m_session->calibrationDir(),
                                                                 m_session->calibrationData())
                                                    : kDash);
    const auto data = m_session->evaluationData();
    const bool ownFolder = data && data == m_session->session()->dataset();
    m_evaluation->setText(!data       ? kDash
                          : ownFolder ? folderText(m_session->session()->dataDir(), data)
                                      : tr("the calibration images"));
}

void QuantSummaryWidget::fitExitsHeight()
{
    // As tall as its rows: no empty white box under a short list.
    const int rows = std::max(1, m_exits->topLevelItemCount());
    const int rowHeight = m_exits->topLevelItemCount() > 0 ? m_exits->sizeHintForRow(0)
                                                           : m_exits->fontMetrics().height() + 4;
    m_exits->setFixedHeight(m_exits->header()->sizeHint().height() + rows * rowHeight +
                            2 * m_exits->frameWidth() + 2);
}

void QuantSummaryWidget::updateReport()
{
    updateStatus();
    updateInputs();
    const auto report = m_session->report();
    const auto baseline = m_session->baseline();
    m_baseline->setText(
        baseline ? (m_session->baselineName().isEmpty() ? tr("pinned") : m_session->baselineName())
                 : tr("none (Edit ▸ Pin Baseline)"));
    m_exits->clear();
    m_exits->setColumnHidden(ExitBaseline, !baseline);
    if (!report) {
        for (QLabel* l :
             {m_coverage, m_fp32Size, m_quantSize, m_compression, m_bitOps, m_layers, m_worst,
              m_overflows})
            l->setText(kDash);
        m_exitsNote->setText(tr("The accuracy appears after the first evaluation."));
        fitExitsHeight();
        return;
    }

    const ModelSize& size = report->size;
    m_fp32Size->setText(bytesText(size.fp32Bytes));
    m_quantSize->setText(bytesText(size.quantizedBytes));
    // Below 95 % integer coverage the size is a fallback's, not a quantization result: say so
    // next to it instead of showing it as the outcome.
    const QString warning = QString::fromStdString(coverageWarning(size));
    const QString coverage = tr("%1 % of MACs").arg(size.integerCoverage(), 0, 'f', 1);
    m_coverage->setText(warning.isEmpty()
                            ? coverage
                            : QStringLiteral("<span style=\"color:#b02020\">⚠ %1</span>")
                                  .arg(coverage.toHtmlEscaped()));
    m_coverage->setToolTip(warning.isEmpty() ? tr("Share of the MACs that run in integer arithmetic")
                                             : warning);
    m_compression->setText(
        warning.isEmpty()
            ? QStringLiteral("%1×").arg(size.compression(), 0, 'f', 2)
            : QStringLiteral("<span style=\"color:#b02020\">%1× — %2</span>")
                  .arg(size.compression(), 0, 'f', 2)
                  .arg(tr("not a result: %1 MB of weights fell back to FP32")
                           .arg(double(size.floatWeightBytes) / 1e6, 0, 'f', 1)
                           .toHtmlEscaped()));
    m_bitOps->setText(
        QStringLiteral("%1 → %2 (%3×)")
            .arg(formatHuman(size.fp32BitOps), formatHuman(size.quantizedBitOps))
            .arg(size.quantizedBitOps > 0 ? size.fp32BitOps / size.quantizedBitOps : 0.0, 0, 'f',
                 1));

    for (size_t e = 0; e < report->exits.size(); ++e) {
        const ExitReport& x = report->exits[e];
        auto* item = new QTreeWidgetItem(m_exits);
        item->setText(ExitName, QString::fromStdString(x.output));
        item->setToolTip(ExitName,
                         tr("%1: %2 MACs per sample")
                             .arg(QString::fromStdString(x.output), formatHuman(double(x.macs))));
        item->setText(ExitFp32, report->labelled ? formatPercent(x.fp32Top1) : kDash);
        item->setText(ExitQuant, report->labelled ? formatPercent(x.quantTop1) : kDash);
        const double delta = x.quantTop1 - x.fp32Top1;
        item->setText(ExitDelta, report->labelled ? QString::number(delta, 'f', 2) : kDash);
        if (report->labelled && delta < -1.0)
            item->setForeground(ExitDelta, QColor(0xb0, 0x20, 0x20));
        item->setText(ExitAgreement, formatPercent(x.agreement));
        if (baseline && e < baseline->exits.size())
            item->setText(ExitBaseline, baseline->labelled
                                            ? formatPercent(baseline->exits[e].quantTop1)
                                            : formatPercent(baseline->exits[e].agreement));
        for (int c = ExitFp32; c < ExitColumns; ++c)
            item->setTextAlignment(c, Qt::AlignRight | Qt::AlignVCenter);
    }
    fitExitsHeight();
    m_exitsNote->setText(report->labelled
                             ? tr("%1; Δ = quantized − FP32 (points).")
                                   .arg(formatQuantity(report->samples, "sample", "samples"))
                             : tr("%1, unlabelled: agreement with FP32 only.")
                                   .arg(formatQuantity(report->samples, "sample", "samples")));
    // Labels are class-folder indices: a folder count that differs from an exit's logits
    // makes top-1 meaningless (2 folders against 10 logits gave 0.00 % silently).
    const auto data = m_session->evaluationData();
    const auto model = m_session->session()->model();
    if (data && model && data->labelled()) {
        QStringList mismatched;
        for (const ExitInfo& exit : model->exits)
            if (exit.classes > 0 && exit.classes != int64_t(data->classes.size()))
                mismatched << tr("%1 has %2 logits").arg(QString::fromStdString(exit.output)).arg(exit.classes);
        if (!mismatched.isEmpty())
            m_exitsNote->setText(
                tr("<b>⚠ The evaluation folder has %1 class folders, but %2</b>: labels are the "
                   "folders' sorted indices, so top-1 is compared against the wrong classes.")
                    .arg(data->classes.size())
                    .arg(mismatched.join(QStringLiteral(", "))));
    }

    int integer = 0;
    const LayerReport* worst = nullptr;
    QStringList overflowing;
    for (const LayerReport& l : report->layers) {
        if (l.quantized && l.kind == LayerKind::Integer)
            ++integer;
        if (l.propagated.count && (!worst || l.propagated.sqnrDb < worst->propagated.sqnrDb))
            worst = &l;
        if (l.accumulatorOverflows > 0)
            overflowing << QStringLiteral("%1 (%2)").arg(QString::fromStdString(l.name),
                                                         formatCount(l.accumulatorOverflows));
    }
    m_layers->setText(
        tr("%1 of %2 layers run in integer arithmetic").arg(integer).arg(report->layers.size()));
    m_worst->setText(worst ? tr("%1 dB at %2 (propagated)")
                                 .arg(worst->propagated.sqnrDb, 0, 'f', 1)
                                 .arg(QString::fromStdString(worst->name))
                           : kDash);
    if (report->totalOverflows == 0) {
        m_overflows->setText(tr("none"));
    } else {
        m_overflows->setText(QStringLiteral("<span style=\"color:#b02020\">⚠ %1 in %2</span>")
                                 .arg(formatCount(report->totalOverflows),
                                      overflowing.join(QStringLiteral(", ")).toHtmlEscaped()));
    }
}

} // namespace ql
