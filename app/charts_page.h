#pragma once
// "Charts" page: the selected layer's error and value histograms above the drift chart. All
// three follow the QuantSession (report, baseline, selected layer); a click on the drift
// chart selects a layer, a click on an error-histogram bar asks to inspect its worst element.

#include <vector>

#include "app/page.h"

class QComboBox;
class QLabel;
class QSplitter;

namespace ql {

class DriftChart;
class ErrorHistogramChart;
class QuantSession;
class ValueHistogramChart;

// The placeholder every quantization chart shows while it has no report.
QString quantPlaceholderText(const QuantSession* session);

class ChartsPage : public Page
{
    Q_OBJECT
public:
    explicit ChartsPage(QuantSession* session, QWidget* parent = nullptr);

    QString title() const override { return tr("Charts"); }
    void saveSettings(QSettings& settings) const override;
    void restoreSettings(const QSettings& settings) override;

    ErrorHistogramChart* errorHistogram() const { return m_error; }
    ValueHistogramChart* valueHistogram() const { return m_value; }
    DriftChart* drift() const { return m_drift; }

signals:
    // index = (n, o[, y, x]) of the element to explain; empty: the inspector's default.
    void inspectRequested(const QString& layer, const std::vector<int64_t>& index);

private:
    void updateReport();
    void updateBaseline();
    void updateSelection();
    void updateEmptyText();

    QuantSession* m_session;
    QComboBox* m_layer;
    QLabel* m_stats;
    QSplitter* m_vertical;
    QSplitter* m_horizontal;
    ErrorHistogramChart* m_error;
    ValueHistogramChart* m_value;
    DriftChart* m_drift;
};

} // namespace ql
