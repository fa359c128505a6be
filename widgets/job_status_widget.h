#pragma once
// Status-bar strip for background work: what runs, a progress bar and a Cancel button.
// Watches any number of JobSlots (shows the one that reported last); hidden while all are idle.

#include <QList>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace ql {

class JobSlot;

class JobStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit JobStatusWidget(QWidget* parent = nullptr);

    QToolButton* cancelButton() const { return m_cancel; }
    // Shows the slot's progress while it runs; Cancel stops every watched slot.
    void addSlot(JobSlot* slot);

signals:
    void cancelRequested();

private:
    void showProgress(const QString& description, qint64 done, qint64 total);
    void updateVisibility();

    QList<JobSlot*> m_slots;

    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
};

} // namespace ql
