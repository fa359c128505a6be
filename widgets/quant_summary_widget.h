#pragma once
// The Quantize page's side panel: evaluation status and time, size and bit-operations FP32 vs
// configured, accuracy per exit FP32 vs quantized (and the pinned baseline), layer totals and
// int32-overflow warnings. Follows the QuantSession on its own.

#include <QWidget>

class QFormLayout;
class QGroupBox;
class QLabel;
class QTreeWidget;

namespace ql {

class QuantSession;

class QuantSummaryWidget : public QWidget
{
    Q_OBJECT
public:
    explicit QuantSummaryWidget(QuantSession* session, QWidget* parent = nullptr);

    QLabel* statusLabel() const { return m_status; }
    QTreeWidget* exitsTree() const { return m_exits; }

private:
    QLabel* addRow(QFormLayout* form, const QString& label);
    void updateStatus();
    void updateInputs();
    void updateReport();
    void fitExitsHeight();
    void showProgress(const QString& description, qint64 done, qint64 total);

    QuantSession* m_session;
    QLabel* m_status;
    QLabel* m_time;
    QLabel* m_config;
    QLabel* m_calibration;
    QLabel* m_evaluation;
    QLabel* m_baseline;
    QLabel* m_fp32Size;
    QLabel* m_quantSize;
    QLabel* m_compression;
    QLabel* m_coverage;
    QLabel* m_bitOps;
    QTreeWidget* m_exits;
    QLabel* m_exitsNote;
    QLabel* m_layers;
    QLabel* m_worst;
    QLabel* m_overflows;
    QString m_progressText;
};

} // namespace ql
