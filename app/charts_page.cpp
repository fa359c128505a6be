#include "app/charts_page.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

#include <cmath>

#include "widgets/drift_chart.h"
#include "widgets/error_histogram_chart.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

namespace ql {

QString quantPlaceholderText(const QuantSession* session)
{
    using State = QuantSession::EvaluationState;
    if (!session->session()->model())
        return ChartsPage::tr("Open a model to quantize");
    if (!session->calibration() && !session->isCalibrating())
        return ChartsPage::tr("Open a calibration folder to evaluate");
    switch (session->evaluationState()) {
    case State::Failed:
        return ChartsPage::tr("The evaluation failed — see the status bar");
    case State::Cancelled:
        return ChartsPage::tr("Evaluation cancelled: edit the configuration to evaluate again");
    default:
        return ChartsPage::tr("Evaluating…");
    }
}

ChartsPage::ChartsPage(QuantSession* session, QWidget* parent)
    : Page(parent), m_session(session), m_layer(new QComboBox), m_stats(new QLabel),
      m_vertical(new QSplitter(Qt::Vertical)), m_horizontal(new QSplitter(Qt::Horizontal)),
      m_error(new ErrorHistogramChart), m_value(new ValueHistogramChart), m_drift(new DriftChart)
{
    setObjectName(QStringLiteral("chartsPage"));
    m_layer->setObjectName(QStringLiteral("chartsLayerCombo"));
    // Long layer names and statistics wrap or shrink rather than widen the window.
    m_layer->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_layer->setMinimumContentsLength(16);
    m_stats->setObjectName(QStringLiteral("layerStats"));
    m_stats->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_stats->setWordWrap(true);
    auto* hint = new QLabel(tr("Drag to zoom · wheel zooms · double-click resets · right-click "
                               "to export"));
    hint->setEnabled(false);
    hint->setWordWrap(true);

    auto* top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Layer:")));
    top->addWidget(m_layer);
    top->addSpacing(12);
    top->addWidget(m_stats, 1);
    top->addWidget(hint);

    m_horizontal->addWidget(m_error);
    m_horizontal->addWidget(m_value);
    m_horizontal->setChildrenCollapsible(false);
    m_vertical->addWidget(m_horizontal);
    m_vertical->addWidget(m_drift);
    m_vertical->setChildrenCollapsible(false);
    m_vertical->setStretchFactor(0, 1);
    m_vertical->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(top);
    layout->addWidget(m_vertical, 1);

    connect(m_session, &QuantSession::reportAvailable, this, &ChartsPage::updateReport);
    connect(m_session, &QuantSession::baselineChanged, this, &ChartsPage::updateBaseline);
    connect(m_session, &QuantSession::selectedLayerChanged, this, &ChartsPage::updateSelection);
    connect(m_session, &QuantSession::evaluationStateChanged, this, &ChartsPage::updateEmptyText);
    connect(m_session, &QuantSession::calibrationChanged, this, &ChartsPage::updateEmptyText);
    connect(m_session->session(), &Session::modelChanged, this, &ChartsPage::updateEmptyText);
    connect(m_layer, &QComboBox::activated, this,
            [this] { m_session->selectLayer(m_layer->currentText()); });
    connect(m_drift, &DriftChart::layerClicked, m_session, &QuantSession::selectLayer);
    connect(m_error, &ErrorHistogramChart::outlierClicked, this, [this](const QString& layer) {
        std::vector<int64_t> index;
        if (const auto report = m_session->report())
            for (const LayerReport& l : report->layers)
                if (QString::fromStdString(l.name) == layer)
                    index = l.worstIndex;
        emit inspectRequested(layer, index);
    });
    updateReport();
    updateBaseline();
}

void ChartsPage::updateEmptyText()
{
    const QString text = quantPlaceholderText(m_session);
    m_error->setEmptyText(text);
    m_value->setEmptyText(text);
    m_drift->setEmptyText(text);
}

void ChartsPage::updateReport()
{
    updateEmptyText();
    const auto report = m_session->report();
    m_error->setReport(report);
    m_value->setReport(report);
    m_drift->setReport(report);

    const QString selected = m_session->selectedLayer();
    m_layer->clear();
    // Nothing selected yet: start on the quantized layer whose own quantization costs most
    // (lowest local SQNR) rather than on an empty chart.
    QString worst;
    double worstSqnr = INFINITY;
    if (report)
        for (const LayerReport& l : report->layers) {
            const QString name = QString::fromStdString(l.name);
            m_layer->addItem(name);
            if (l.quantized && l.local.count > 0 && l.local.sqnrDb < worstSqnr) {
                worstSqnr = l.local.sqnrDb;
                worst = name;
            }
        }
    if (report && m_layer->findText(selected) < 0 && !worst.isEmpty())
        m_session->selectLayer(worst);
    else
        updateSelection();
}

void ChartsPage::updateBaseline()
{
    m_drift->setBaseline(m_session->baseline(), m_session->baselineName());
}

void ChartsPage::updateSelection()
{
    const QString layer = m_session->selectedLayer();
    m_layer->setCurrentIndex(m_layer->findText(layer));
    m_error->setSelectedLayer(layer);
    m_value->setSelectedLayer(layer);
    m_drift->setSelectedLayer(layer);

    m_stats->clear();
    const auto report = m_session->report();
    if (!report)
        return;
    for (const LayerReport& l : report->layers) {
        if (QString::fromStdString(l.name) != layer)
            continue;
        const ErrorStats& p = l.propagated;
        QStringList parts{
            tr("%1 · %2").arg(QString::fromStdString(l.opType),
                              l.quantized ? tr("integer") : tr("float")),
            tr("SQNR %1 dB (local %2 dB)").arg(p.sqnrDb, 0, 'f', 1).arg(l.local.sqnrDb, 0, 'f', 1),
            tr("max |e| %1").arg(p.maxAbsError, 0, 'g', 3),
            tr("cosine %1").arg(p.cosine, 0, 'f', 5),
            tr("clipped %1 %").arg(100.0 * (p.clipLowRate + p.clipHighRate), 0, 'f', 2)};
        if (l.accumulatorOverflows > 0)
            parts << tr("%1 int32 overflows").arg(l.accumulatorOverflows);
        m_stats->setText(parts.join(QStringLiteral("  ·  ")));
    }
}

void ChartsPage::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("vertical"), m_vertical->saveState());
    settings.setValue(QStringLiteral("horizontal"), m_horizontal->saveState());
}

void ChartsPage::restoreSettings(const QSettings& settings)
{
    m_vertical->restoreState(settings.value(QStringLiteral("vertical")).toByteArray());
    m_horizontal->restoreState(settings.value(QStringLiteral("horizontal")).toByteArray());
}

} // namespace ql
