#include "widgets/job_status_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

#include <algorithm>

#include "widgets/job_slot.h"

namespace ql {

JobStatusWidget::JobStatusWidget(QWidget* parent)
    : QWidget(parent), m_label(new QLabel(this)), m_bar(new QProgressBar(this)),
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

    connect(m_cancel, &QToolButton::clicked, this, &JobStatusWidget::cancelRequested);
    setVisible(false);
}

void JobStatusWidget::addSlot(JobSlot* slot)
{
    m_slots << slot;
    connect(slot, &JobSlot::progress, this, &JobStatusWidget::showProgress);
    connect(slot, &JobSlot::busyChanged, this, &JobStatusWidget::updateVisibility);
    connect(slot, &QObject::destroyed, this, [this, slot] {
        m_slots.removeAll(slot);
        updateVisibility();
    });
    updateVisibility();
}

void JobStatusWidget::updateVisibility()
{
    const bool busy = std::any_of(m_slots.cbegin(), m_slots.cend(),
                                  [](const JobSlot* slot) { return slot->isBusy(); });
    setVisible(busy);
}

void JobStatusWidget::showProgress(const QString& description, qint64 done, qint64 total)
{
    // Elided to a fixed width so that a long folder name never widens the window.
    m_label->setText(m_label->fontMetrics().elidedText(description, Qt::ElideMiddle, 280));
    m_label->setToolTip(description);
    if (total <= 0) {
        m_bar->setRange(0, 0); // unknown amount of work: busy indicator
        return;
    }
    // QProgressBar takes int: scale to per-mille so huge totals do not overflow.
    m_bar->setRange(0, 1000);
    m_bar->setValue(int(1000 * std::min(done, total) / total));
}

} // namespace ql
