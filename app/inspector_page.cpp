#include "app/inspector_page.h"

#include <QVBoxLayout>

#include "app/charts_page.h"
#include "core/error.h"
#include "widgets/inspector_widget.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

namespace ql {

InspectorPage::InspectorPage(QuantSession* session, QWidget* parent)
    : Page(parent), m_session(session), m_inspector(new InspectorWidget)
{
    setObjectName(QStringLiteral("inspectorPage"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_inspector);

    const auto updateEmpty = [this] { m_inspector->setEmptyText(quantPlaceholderText(m_session)); };
    connect(m_session, &QuantSession::reportAvailable, this, &InspectorPage::updateReport);
    connect(m_session, &QuantSession::evaluationStateChanged, this, updateEmpty);
    connect(m_session, &QuantSession::calibrationChanged, this, updateEmpty);
    connect(m_session->session(), &Session::modelChanged, this, updateEmpty);
    // Follow the selection when the selected layer can be explained (integer Conv/Gemm),
    // starting on its worst element when the report names it.
    connect(m_session, &QuantSession::selectedLayerChanged, this,
            [this](const QString& layer) { m_inspector->setElement(layer, worstIndex(layer)); });
    connect(m_inspector, &InspectorWidget::explainRequested, this, &InspectorPage::explain);
    // Picking a layer in the inspector's own drop-down selects it everywhere and jumps to its
    // worst element (rather than keeping the previous layer's indices).
    connect(m_inspector, &InspectorWidget::layerChosen, this, [this](const QString& layer) {
        if (layer == m_session->selectedLayer())
            m_inspector->setElement(layer, worstIndex(layer));
        else
            m_session->selectLayer(layer);
    });
    updateEmpty();
    updateReport();
}

void InspectorPage::updateReport()
{
    // A new report (after an edit) keeps the element on screen; the first one starts on the
    // selected layer's worst element.
    const bool first = m_inspector->currentLayer().isEmpty();
    m_inspector->setReport(m_session->report());
    if (first) {
        const QString layer = m_session->selectedLayer();
        m_inspector->setElement(layer, worstIndex(layer));
    }
}

std::vector<int64_t> InspectorPage::worstIndex(const QString& layer) const
{
    if (const auto report = m_session->report())
        for (const LayerReport& l : report->layers)
            if (QString::fromStdString(l.name) == layer)
                return l.worstIndex;
    return {};
}

void InspectorPage::inspect(const QString& layer, const std::vector<int64_t>& index)
{
    if (!m_inspector->setElement(layer, index))
        m_inspector->setError(tr("%1 is not an integer Conv or Gemm layer: only those can be "
                                 "explained term by term").arg(layer));
}

void InspectorPage::explain(const QString& layer, const std::vector<int64_t>& index, int sample)
{
    try {
        m_inspector->setResult(m_session->explain(layer, index, sample));
    } catch (const std::exception& e) {
        m_inspector->setError(QString::fromUtf8(e.what()));
    }
}

} // namespace ql
