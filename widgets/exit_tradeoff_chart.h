#pragma once
// Small chart of the early-exit trade-off: accuracy (or, without labels, agreement with the
// deepest exit) against the MACs needed to reach each exit.

#include <QtCharts/QChartView>

#include <vector>

class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace ql {

class ExitTradeoffChart : public QChartView
{
    Q_OBJECT
public:
    struct Point
    {
        QString label;  // "exit1"
        double macs;    // per sample
        double percent; // 0..100
    };

    explicit ExitTradeoffChart(QWidget* parent = nullptr);

    // yTitle names what percent means ("FP32 top-1", "Agreement with exit3").
    void setPoints(const std::vector<Point>& points, const QString& yTitle);

private:
    std::vector<Point> m_points;
    QLineSeries* m_line;
    QScatterSeries* m_dots;
    QValueAxis* m_x;
    QValueAxis* m_y;
};

} // namespace ql
