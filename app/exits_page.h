#pragma once
// "Exits" page: accuracy per exit (FP32, quantized, baseline) beside the exit policy's
// accuracy–cost curve with its threshold slider.

#include "app/page.h"

class QSplitter;

namespace ql {

class ExitAccuracyChart;
class ExitPolicyWidget;
class QuantSession;

class ExitsPage : public Page
{
    Q_OBJECT
public:
    explicit ExitsPage(QuantSession* session, QWidget* parent = nullptr);

    QString title() const override { return tr("Exits"); }
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(const QSettings& settings) override;

    ExitAccuracyChart* accuracyChart() const { return m_accuracy; }
    ExitPolicyWidget* policy() const { return m_policy; }

private:
    void updateReport();
    void updateBaseline();

    QuantSession* m_session;
    QSplitter* m_splitter;
    ExitAccuracyChart* m_accuracy;
    ExitPolicyWidget* m_policy;
};

} // namespace ql
