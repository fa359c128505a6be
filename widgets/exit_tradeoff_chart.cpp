#include "widgets/exit_tradeoff_chart.h"

#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include "widgets/chart_view.h"

#include <algorithm>
#include <cmath>

namespace ql {

ExitTradeoffChart::ExitTradeoffChart(QWidget* parent)
    : QChartView(parent), m_line(new QLineSeries), m_dots(new QScatterSeries),
      m_x(new QValueAxis), m_y(new QValueAxis)
{
    auto* chart = new QChart;
    chart->legend()->hide();
    chart->setMargins(QMargins(4, 4, 4, 4));
    chart->setBackgroundRoundness(0);
    chart->addSeries(m_line);
    chart->addSeries(m_dots);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    for (QAbstractSeries* s : {static_cast<QAbstractSeries*>(m_line),
                               static_cast<QAbstractSeries*>(m_dots)}) {
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    QPen pen(chartstyle::current());
    pen.setWidthF(2.0);
    m_line->setPen(pen);
    m_dots->setColor(chartstyle::current());
    m_dots->setBorderColor(Qt::white);
    m_dots->setMarkerSize(10);
    // Exits can sit close together on the MACs axis: details on hover, not as labels.
    connect(m_dots, &QScatterSeries::hovered, this, [this](const QPointF& point, bool state) {
        QString text;
        if (state)
            for (const Point& p : m_points)
                if (std::abs(p.macs / 1e6 - point.x()) < 1e-9)
                    text = tr("%1: %2 % at %3 M MACs")
                               .arg(p.label)
                               .arg(p.percent, 0, 'f', 2)
                               .arg(p.macs / 1e6, 0, 'f', 2);
        setToolTip(text);
    });
    m_x->setTitleText(tr("MACs to reach the exit (M)"));
    m_x->setLabelFormat(QStringLiteral("%.1f"));
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    for (QValueAxis* axis : {m_x, m_y}) {
        axis->setLabelsFont(small);
        axis->setTitleFont(small);
    }
    // QChartView's constructor made a default chart that setChart() only releases: delete
    // it (LeakSanitizer, issue 16; ChartView::setChart does the same for the other charts).
    QChart* placeholder = QChartView::chart();
    setChart(chart);
    delete placeholder;
    setRenderHint(QPainter::Antialiasing);
    setMinimumHeight(220);
}

void ExitTradeoffChart::setPoints(const std::vector<Point>& points, const QString& yTitle)
{
    m_points = points;
    m_line->clear();
    m_dots->clear();
    double maxMacs = 0.0;
    double minPercent = 100.0;
    for (const Point& p : points) {
        const double x = p.macs / 1e6;
        const double y = p.percent;
        m_line->append(x, y);
        m_dots->append(x, y);
        maxMacs = std::max(maxMacs, x);
        minPercent = std::min(minPercent, y);
    }
    m_x->setRange(0.0, maxMacs > 0.0 ? maxMacs * 1.05 : 1.0);
    m_x->applyNiceNumbers();
    // Start the y axis below the worst exit with a tick every 5 points (every 10 when the
    // range is wide), the start a multiple of the tick step.
    const double step = minPercent < 53.0 ? 10.0 : 5.0;
    const double low = std::max(0.0, std::floor((minPercent - 3.0) / step) * step);
    m_y->setRange(low, 100.0);
    m_y->setTickCount(int(std::lround((100.0 - low) / step)) + 1);
    m_y->setTitleText(yTitle + QStringLiteral(" (%)"));
}

} // namespace ql
