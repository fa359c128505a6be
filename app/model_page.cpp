#include "app/model_page.h"

#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include "widgets/layer_table_view.h"
#include "widgets/model_summary_widget.h"
#include "widgets/session.h"

namespace ql {

ModelPage::ModelPage(Session* session, QWidget* parent)
    : Page(parent), m_session(session), m_splitter(new QSplitter(Qt::Horizontal, this)),
      m_layers(new LayerTableView(m_splitter)), m_summary(new ModelSummaryWidget)
{
    setObjectName(QStringLiteral("modelPage"));

    // The summary scrolls on its own when the window is short.
    auto* scroll = new QScrollArea(m_splitter);
    scroll->setWidget(m_summary);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setMinimumWidth(320);

    m_splitter->addWidget(m_layers);
    m_splitter->addWidget(scroll);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({800, 460});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_splitter);

    connect(session, &Session::modelChanged, this, [this] {
        m_layers->setModel(m_session->model());
        m_summary->setModel(m_session->model(), m_session->modelPath());
        updateDataset();
    });
    connect(session, &Session::datasetChanged, this, &ModelPage::updateDataset);
    connect(session, &Session::evaluationChanged, this, &ModelPage::updateEvaluation);
    // The "loading…" / "evaluating…" hints follow the background jobs.
    connect(session, &Session::jobsChanged, this, [this] {
        if (!m_session->dataset())
            updateDataset();
        else if (!m_session->evaluation())
            updateEvaluation();
    });
}

void ModelPage::updateDataset()
{
    const bool loading = m_session->isLoadingDataset();
    m_summary->setDataset(m_session->dataset(), m_session->dataDir(), loading);
    updateEvaluation();
}

void ModelPage::updateEvaluation()
{
    m_summary->setEvaluation(m_session->evaluation(), m_session->isEvaluating());
}

void ModelPage::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
}

void ModelPage::restoreSettings(const QSettings& settings)
{
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
}

} // namespace ql
