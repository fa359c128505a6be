#include "widgets/pareto_chart.h"

#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

#include "core/text_format.h"

namespace ql {

namespace {

QScatterSeries* marker(const QString& name, QColor fill, qreal size, const QString& label)
{
    auto* s = new QScatterSeries;
    s->setName(name);
    s->setColor(fill);
    s->setBorderColor(QColor(0x1f, 0x29, 0x37));
    s->setMarkerSize(size);
    if (!label.isEmpty()) {
        s->setPointLabelsFormat(label);
        s->setPointLabelsVisible(true);
        s->setPointLabelsClipping(false);
        QFont f = s->pointLabelsFont();
        f.setBold(true);
        s->setPointLabelsFont(f);
    }
    return s;
}

} // namespace

ParetoChart::ParetoChart(QWidget* parent)
    : ChartView(parent), m_all(new QScatterSeries), m_frontLine(new QLineSeries),
      m_frontPoints(new QScatterSeries), m_fp32(marker(tr("FP32"), chartstyle::fp32(), 13, tr("FP32"))),
      m_w8a8(marker(tr("uniform W8A8"), chartstyle::fp32(), 13, tr("W8A8"))),
      m_found(marker(tr("found"), QColor(0xf5, 0xb7, 0x00), 16, tr("found"))),
      m_x(new QLogValueAxis), m_y(new QValueAxis)
{
    QChart* chart = chartstyle::makeChart(true);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    QColor faint = chartstyle::current();
    faint.setAlphaF(0.28f);
    m_all->setName(tr("evaluated configs"));
    m_all->setColor(faint);
    m_all->setBorderColor(Qt::transparent);
    m_all->setMarkerSize(7);
    QPen pen(chartstyle::current());
    pen.setWidthF(2.2);
    m_frontLine->setPen(pen);
    m_frontLine->setName(tr("Pareto front"));
    m_frontPoints->setColor(chartstyle::current());
    m_frontPoints->setBorderColor(Qt::white);
    m_frontPoints->setMarkerSize(8);
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{
             m_all, m_frontLine, m_frontPoints, m_w8a8, m_fp32, m_found}) {
        chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
    chartstyle::hideFromLegend(chart, m_frontPoints);
    m_x->setBase(2.0);
    m_x->setMinorTickCount(-1);
    m_y->setLabelFormat(QStringLiteral("%.0f"));
    chart->setTitle(tr("Mixed precision: accuracy against cost"));
    setChart(chart);
    setZoomMode(ZoomMode::Both);
    setReferenceSeries(m_all);
    setToolTipProvider([this](const QPointF& v) { return toolTipAt(v); });
    setExportName(QStringLiteral("pareto"));
    connect(this, &ChartView::plotClicked, this, [this](const QPointF& v) {
        const int i = nearestPoint(v);
        if (i >= 0)
            emit pointClicked(i);
    });
    setEmptyText(tr("Run the search to see the accuracy / size trade-off."));
    setHasData(false);
}

void ParetoChart::setResult(std::shared_ptr<const AutoQuantResult> result)
{
    m_result = std::move(result);
    refresh();
}

void ParetoChart::setExit(int exit)
{
    m_exit = exit;
    refresh();
}

void ParetoChart::setAxis(CostAxis axis)
{
    m_axis = axis;
    refresh();
}

// Size in kB, bit-ops in G per sample.
double ParetoChart::xOf(double bytes, double bitops) const
{
    return m_axis == CostAxis::Bytes ? bytes / 1000.0 : bitops / 1e9;
}

QPointF ParetoChart::pointOf(int index) const
{
    if (!m_result || index < 0 || index >= static_cast<int>(m_result->evaluated.size()))
        return {};
    const EvaluatedConfig& e = m_result->evaluated[static_cast<size_t>(index)];
    const double y = m_exit >= 0 ? e.score.top1[static_cast<size_t>(m_exit)] : -e.score.dropAt(-1);
    return {xOf(double(e.score.size.quantizedBytes), e.score.size.quantizedBitOps), y};
}

void ParetoChart::refresh()
{
    m_front.clear();
    if (!m_result || m_result->evaluated.empty()) {
        for (QXYSeries* s : std::initializer_list<QXYSeries*>{m_all, m_frontLine, m_frontPoints,
                                                               m_fp32, m_w8a8, m_found})
            s->clear();
        setHasData(false);
        return;
    }
    const int exits = static_cast<int>(m_result->exits.size());
    if (m_exit >= exits)
        m_exit = exits - 1;
    setHasData(true);
    resetZoom();
    QList<QPointF> all;
    for (const EvaluatedConfig& e : m_result->evaluated)
        if (e.stage != "refine" || !e.move.empty())
            all.append(pointOf(e.index));
    m_all->replace(all);
    m_front = paretoFront(m_result->evaluated, m_exit, m_axis);
    QList<QPointF> front;
    for (int i : m_front)
        front.append(pointOf(i));
    m_frontLine->replace(front);
    m_frontPoints->replace(front);
    const double fp32Y = m_exit >= 0 ? m_result->fp32Top1[static_cast<size_t>(m_exit)] : 0.0;
    const QPointF fp32(xOf(double(m_result->fp32Bytes), m_result->fp32BitOps), fp32Y);
    m_fp32->replace({fp32});
    m_w8a8->replace({pointOf(m_result->w8a8)});
    m_found->replace({pointOf(m_result->best)});

    double xLo = fp32.x(), xHi = fp32.x(), yLo = fp32Y, yHi = fp32Y;
    for (const QPointF& p : all) {
        xLo = std::min(xLo, p.x());
        xHi = std::max(xHi, p.x());
        yLo = std::min(yLo, p.y());
        yHi = std::max(yHi, p.y());
    }
    xLo = std::max(xLo, 1e-9);
    m_x->setRange(std::exp2(std::floor(std::log2(xLo / 1.1))), std::exp2(std::ceil(std::log2(xHi * 1.1))));
    const double span = std::max(yHi - yLo, 1.0);
    m_y->setRange(std::floor(yLo - 0.05 * span), std::ceil(yHi + 0.08 * span));
    m_y->applyNiceNumbers();
    m_x->setLabelFormat(m_axis == CostAxis::Bytes || xLo >= 1.0 ? QStringLiteral("%g")
                                                               : QStringLiteral("%.3g"));
    chartstyle::styleAxis(m_x, m_axis == CostAxis::Bytes ? tr("model size (kB, log scale)")
                                                         : tr("bit-operations per sample (G, log scale)"));
    const QString what = m_exit >= 0 ? tr("top-1 at %1 (%)").arg(QString::fromStdString(
                                                                     m_result->exits[static_cast<size_t>(m_exit)]))
                                     : tr("worst exit: top-1 change vs FP32 (pt)");
    chartstyle::styleAxis(m_y, what);
    m_found->setName(m_result->targetMet ? tr("found (target met)") : tr("closest (target not met)"));
}

int ParetoChart::nearestPoint(const QPointF& value) const
{
    if (!m_result)
        return -1;
    const QRectF plot = chart()->plotArea();
    // Pixels per unit: log2 on x.
    const double sx = (std::log2(m_x->max()) - std::log2(m_x->min())) / std::max(1.0, plot.width());
    const double sy = (m_y->max() - m_y->min()) / std::max(1.0, plot.height());
    int best = -1;
    double bestD = 12.0 * 12.0;
    const double vx = std::log2(std::max(value.x(), 1e-12));
    for (const EvaluatedConfig& e : m_result->evaluated) {
        const QPointF p = pointOf(e.index);
        const double dx = (std::log2(std::max(p.x(), 1e-12)) - vx) / sx;
        const double dy = (p.y() - value.y()) / sy;
        const double d = dx * dx + dy * dy;
        // Identical points: the lower index wins.
        if (d < bestD - 1e-9) {
            bestD = d;
            best = e.index;
        }
    }
    return best;
}

QString ParetoChart::toolTipAt(const QPointF& value) const
{
    const int i = nearestPoint(value);
    if (i < 0)
        return {};
    const EvaluatedConfig& e = m_result->evaluated[static_cast<size_t>(i)];
    QString text = QStringLiteral("<b>#%1 %2</b> %3<br>").arg(i).arg(
        QString::fromStdString(e.stage), QString::fromStdString(e.move).toHtmlEscaped());
    text += tr("size %1 B (%2 bits avg), %3 bit-ops<br>")
                .arg(formatCount(e.score.size.quantizedBytes))
                .arg(e.averageWeightBits, 0, 'f', 2)
                .arg(formatHuman(e.score.size.quantizedBitOps));
    for (size_t x = 0; x < e.score.top1.size(); ++x)
        text += tr("%1: %2 % (%3 pt)<br>")
                    .arg(QString::fromStdString(m_result->exits[x]))
                    .arg(e.score.top1[x], 0, 'f', 2)
                    .arg(QString::asprintf("%+.2f", -e.score.drop[x]));
    text += e.feasible ? tr("meets the target") : tr("misses the target");
    text += tr("<br><i>Click: apply this config</i>");
    return text;
}

} // namespace ql
