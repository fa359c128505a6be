#pragma once
// Status-bar strip for background work: what runs, a progress bar and a Cancel button.
// Hidden while the JobRunner is idle.

#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace ql {

class JobRunner;
class QuantSession;

class JobStatusWidget : public QWidget
{
    Q_OBJECT
public:
    explicit JobStatusWidget(JobRunner* jobs, QWidget* parent = nullptr);

    QToolButton* cancelButton() const { return m_cancel; }
    // Also shows the quantization session's calibration and evaluation; Cancel stops both.
    void addQuantSession(QuantSession* quant);

private:
    void showProgress(const QString& description, qint64 done, qint64 total);
    void updateVisibility();

    JobRunner* m_jobs;
    QuantSession* m_quant = nullptr;

    QLabel* m_label;
    QProgressBar* m_bar;
    QToolButton* m_cancel;
};

} // namespace ql
