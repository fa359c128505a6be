#include "app/exits_page.h"

#include <QSlider>
#include <QSplitter>
#include <QVBoxLayout>

#include "app/charts_page.h"
#include "widgets/exit_charts.h"
#include "widgets/quant_session.h"
#include "widgets/session.h"

namespace ql {

ExitsPage::ExitsPage(QuantSession* session, QWidget* parent)
    : Page(parent), m_session(session), m_splitter(new QSplitter(Qt::Horizontal)),
      m_accuracy(new ExitAccuracyChart), m_policy(new ExitPolicyWidget)
{
    setObjectName(QStringLiteral("exitsPage"));
    m_splitter->addWidget(m_accuracy);
    m_splitter->addWidget(m_policy);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 1);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setSizes({700, 700});
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_splitter);

    const auto updateEmpty = [this] {
        const QString text = quantPlaceholderText(m_session);
        m_accuracy->setEmptyText(text);
        m_policy->setEmptyText(text);
    };
    connect(m_session, &QuantSession::reportAvailable, this, &ExitsPage::updateReport);
    connect(m_session, &QuantSession::baselineChanged, this, &ExitsPage::updateBaseline);
    connect(m_session, &QuantSession::evaluationStateChanged, this, updateEmpty);
    connect(m_session, &QuantSession::calibrationChanged, this, updateEmpty);
    connect(m_session->session(), &Session::modelChanged, this, updateEmpty);
    updateEmpty();
    updateReport();
    updateBaseline();
}

void ExitsPage::updateReport()
{
    const auto report = m_session->report();
    m_accuracy->setReport(report);
    m_policy->setReport(report);
}

void ExitsPage::updateBaseline()
{
    m_accuracy->setBaseline(m_session->baseline(), m_session->baselineName());
    m_policy->setBaseline(m_session->baseline(), m_session->baselineName());
}

void ExitsPage::saveSettings(QSettings& settings) const
{
    settings.setValue(QStringLiteral("splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("threshold"), m_policy->slider()->value());
}

void ExitsPage::restoreSettings(const QSettings& settings)
{
    m_splitter->restoreState(settings.value(QStringLiteral("splitter")).toByteArray());
    m_policy->slider()->setValue(settings.value(QStringLiteral("threshold"), 90).toInt());
}

} // namespace ql
