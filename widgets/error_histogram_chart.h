#pragma once
// The selected layer's histograms (spec §5):
//   ErrorHistogramChart — e = r′ − r, local and propagated overlaid as two translucent step
//     areas (each as a share of its sampled values, so the two are comparable) with a dashed
//     marker at each mean. A click on a bar asks to inspect the layer's worst element.
//   ValueHistogramChart — the FP32 values r with the clipping range [S·(qmin − Z),
//     S·(qmax − Z)] as two vertical lines and the out-of-range region shaded; clip % in the title.
// Both take plain values (the report is shared, not copied) and rebuild their series with one
// QXYSeries::replace() per series.

#include <memory>

#include "core/quant/engine.h"
#include "widgets/chart_view.h"

class QAreaSeries;
class QLineSeries;
class QValueAxis;

namespace ql {

// A chart of one layer of an evaluation report: keeps the report and the selected layer and
// redraws (refresh()) when either changes.
class LayerReportChart : public ChartView
{
    Q_OBJECT
public:
    using ChartView::ChartView;

    void setReport(std::shared_ptr<const EvaluationReport> report);
    void setReport(const EvaluationReport& report);
    void setSelectedLayer(const QString& layer);
    QString selectedLayer() const { return m_layer; }

protected:
    virtual void refresh() = 0;
    const EvaluationReport* report() const { return m_report.get(); }
    const LayerReport* layerReport() const; // null: no report, or no such layer

private:
    std::shared_ptr<const EvaluationReport> m_report;
    QString m_layer;
};

class ErrorHistogramChart : public LayerReportChart
{
    Q_OBJECT
public:
    explicit ErrorHistogramChart(QWidget* parent = nullptr);

    // For tests: the step outlines (2 points per bin + the two ends) and the mean markers.
    QLineSeries* localOutline() const { return m_localLine; }
    QLineSeries* propagatedOutline() const { return m_propLine; }
    QLineSeries* localMeanMarker() const { return m_localMean; }
    QLineSeries* propagatedMeanMarker() const { return m_propMean; }
    QAreaSeries* localArea() const { return m_localArea; }
    QAreaSeries* propagatedArea() const { return m_propArea; }

signals:
    // A click on a histogram bar at error value `error` of `layer`.
    void outlierClicked(const QString& layer, double error);

private:
    void refresh() override;
    QString toolTipAt(double x) const;

    QLineSeries* m_localLine;
    QLineSeries* m_propLine;
    QAreaSeries* m_localArea;
    QAreaSeries* m_propArea;
    QLineSeries* m_localMean;
    QLineSeries* m_propMean;
    QValueAxis* m_x;
    QValueAxis* m_y;
};

class ValueHistogramChart : public LayerReportChart
{
    Q_OBJECT
public:
    explicit ValueHistogramChart(QWidget* parent = nullptr);

    QLineSeries* valueOutline() const { return m_valueLine; }
    QLineSeries* clipLowLine() const { return m_clipLow; }
    QLineSeries* clipHighLine() const { return m_clipHigh; }

private:
    void refresh() override;
    QString toolTipAt(double x) const;

    QLineSeries* m_valueLine;
    QAreaSeries* m_valueArea;
    QLineSeries* m_clipLow;
    QLineSeries* m_clipHigh;
    QLineSeries* m_outLowTop;
    QLineSeries* m_outHighTop;
    QAreaSeries* m_outLow;
    QAreaSeries* m_outHigh;
    QValueAxis* m_x;
    QValueAxis* m_y;
};

// Helpers shared by the histogram charts (exposed for tests).
namespace histogram {
// Step outline of `h` as a share of its total in %: (lo, 0), then the two top corners of
// every bin, then (hi, 0). A zero-width range is widened so that the bar stays visible.
QList<QPointF> stepPoints(const Histogram& h, double* maxPercent = nullptr);
// The same outline as a density: count / (total · bin width), per real unit of the x axis, so
// two histograms of different totals or bin widths compare by height (area = 1 each).
QList<QPointF> densityPoints(const Histogram& h, double* maxDensity = nullptr);
// The bin of `h` containing x, or -1.
int binAt(const Histogram& h, double x);
} // namespace histogram

} // namespace ql
