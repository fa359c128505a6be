#pragma once
// The mixed-precision Pareto plot: top-1 accuracy at the chosen exit against model size (kB)
// or bit-ops per sample (G) on a log-2 axis for every configuration the search evaluated (faint points), the
// Pareto front as a line, and labelled markers for FP32, uniform W8A8 and the found config.
// A click near a point emits pointClicked(index into AutoQuantResult::evaluated).

#include <memory>

#include "core/quant/autoquant.h"
#include "widgets/chart_view.h"

class QLineSeries;
class QScatterSeries;
class QLogValueAxis;
class QValueAxis;

namespace ql {

class ParetoChart : public ChartView
{
    Q_OBJECT
public:
    explicit ParetoChart(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const AutoQuantResult> result);
    std::shared_ptr<const AutoQuantResult> result() const { return m_result; }
    void setExit(int exit); // −1: the worst exit's drop is plotted instead of top-1
    int exit() const { return m_exit; }
    void setAxis(CostAxis axis);
    CostAxis axis() const { return m_axis; }

    // The plotted coordinates of evaluated[index] (tests and hit testing).
    QPointF pointOf(int index) const;
    // The evaluated configuration nearest to `value` within ~12 px, else −1.
    int nearestPoint(const QPointF& value) const;
    const std::vector<int>& front() const { return m_front; }

signals:
    void pointClicked(int index);

private:
    void refresh();
    double xOf(double bytes, double bitops) const;
    QString toolTipAt(const QPointF& value) const;

    std::shared_ptr<const AutoQuantResult> m_result;
    int m_exit = -1;
    CostAxis m_axis = CostAxis::Bytes;
    std::vector<int> m_front;
    QScatterSeries* m_all;
    QLineSeries* m_frontLine;
    QScatterSeries* m_frontPoints;
    QScatterSeries* m_fp32;
    QScatterSeries* m_w8a8;
    QScatterSeries* m_found;
    QLogValueAxis* m_x; // log 2: halving the size is one step, FP32 stays on the plot
    QValueAxis* m_y;
};

} // namespace ql
