#include "widgets/job_status_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

#include <algorithm>

#include "widgets/job_runner.h"
#include "widgets/quant_session.h"

namespace ql {

JobStatusWidget::JobStatusWidget(JobRunner* jobs, QWidget* parent)
    : QWidget(parent), m_jobs(jobs), m_label(new QLabel(this)), m_bar(new QProgressBar(this)),
      m_cancel(new QToolButton(this))
{
    m_bar->setFixedWidth(160);
    m_bar->setMaximumHeight(m_label->sizeHint().height() + 4);
    m_bar->setTextVisible(false);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop the background work (Esc)"));
    m_cancel->setAutoRaise(true);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);

    connect(m_cancel, &QToolButton::clicked, jobs, &JobRunner::cancelAll);
    connect(jobs, &JobRunner::progress, this, &JobStatusWidget::showProgress);
    connect(jobs, &JobRunner::busyChanged, this, &JobStatusWidget::updateVisibility);
    setVisible(jobs->isBusy());
}

void JobStatusWidget::addQuantSession(QuantSession* quant)
{
    m_quant = quant;
    connect(m_cancel, &QToolButton::clicked, quant, &QuantSession::cancel);
    connect(quant, &QuantSession::progress, this, &JobStatusWidget::showProgress);
    connect(quant, &QuantSession::busyChanged, this, &JobStatusWidget::updateVisibility);
    updateVisibility();
}

void JobStatusWidget::updateVisibility()
{
    setVisible(m_jobs->isBusy() || (m_quant && m_quant->isBusy()));
}

void JobStatusWidget::showProgress(const QString& description, qint64 done, qint64 total)
{
    m_label->setText(description);
    if (total <= 0) {
        m_bar->setRange(0, 0); // unknown amount of work: busy indicator
        return;
    }
    // QProgressBar takes int: scale to per-mille so huge totals do not overflow.
    m_bar->setRange(0, 1000);
    m_bar->setValue(int(1000 * std::min(done, total) / total));
}

} // namespace ql
