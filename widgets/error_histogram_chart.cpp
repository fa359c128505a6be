#include "widgets/error_histogram_chart.h"

#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace ql {

namespace histogram {

// The drawn range of `h`: a zero-width histogram (every value equal) gets a visible width.
static std::pair<double, double> drawnRange(const Histogram& h)
{
    if (h.hi > h.lo)
        return {h.lo, h.hi};
    const double pad = std::max(std::abs(h.lo) * 1e-3, 1e-9);
    return {h.lo - pad, h.hi + pad};
}

// Height of bin i: 100 · share (percent) or share / width (density).
static QList<QPointF> outline(const Histogram& h, bool density, double* maxY)
{
    QList<QPointF> points;
    const int64_t total = h.total();
    if (maxY)
        *maxY = 0.0;
    if (h.counts.empty() || total <= 0)
        return points;
    const auto [lo, hi] = drawnRange(h);
    const double width = (hi - lo) / double(h.counts.size());
    const double unit = density ? 1.0 / (double(total) * width) : 100.0 / double(total);
    points.reserve(qsizetype(2 * h.counts.size() + 2));
    points.append(QPointF(lo, 0.0));
    double top = 0.0;
    for (size_t i = 0; i < h.counts.size(); ++i) {
        const double y = unit * double(h.counts[i]);
        top = std::max(top, y);
        points.append(QPointF(lo + double(i) * width, y));
        points.append(QPointF(lo + double(i + 1) * width, y));
    }
    points.append(QPointF(hi, 0.0));
    if (maxY)
        *maxY = top;
    return points;
}

QList<QPointF> densityPoints(const Histogram& h, double* maxDensity)
{
    return outline(h, true, maxDensity);
}

static double densityAt(const Histogram& h, double x)
{
    const int bin = binAt(h, x);
    const int64_t total = h.total();
    if (bin < 0 || total <= 0)
        return -1.0;
    const auto [lo, hi] = drawnRange(h);
    return double(h.counts[size_t(bin)]) / (double(total) * (hi - lo) / double(h.counts.size()));
}

QList<QPointF> stepPoints(const Histogram& h, double* maxPercent)
{
    return outline(h, false, maxPercent);
}

int binAt(const Histogram& h, double x)
{
    if (h.counts.empty())
        return -1;
    const auto [lo, hi] = drawnRange(h);
    if (x < lo || x > hi)
        return -1;
    const int n = int(h.counts.size());
    return std::clamp(int((x - lo) / (hi - lo) * n), 0, n - 1);
}

static double percentAt(const Histogram& h, double x)
{
    const int bin = binAt(h, x);
    const int64_t total = h.total();
    return bin < 0 || total <= 0 ? -1.0 : 100.0 * double(h.counts[size_t(bin)]) / double(total);
}

} // namespace histogram

namespace {

const LayerReport* findLayer(const EvaluationReport* report, const QString& name)
{
    if (!report)
        return nullptr;
    const std::string key = name.toStdString();
    for (const LayerReport& layer : report->layers)
        if (layer.name == key)
            return &layer;
    return nullptr;
}

QAreaSeries* makeArea(QLineSeries* upper, QColor color, int alpha)
{
    auto* area = new QAreaSeries(upper);
    QColor fill = color;
    fill.setAlpha(alpha);
    area->setBrush(fill);
    QPen pen(color);
    pen.setWidthF(1.2);
    area->setPen(pen);
    return area;
}

QLineSeries* makeMarker(QColor color, Qt::PenStyle style, double width)
{
    auto* line = new QLineSeries;
    QPen pen(color);
    pen.setStyle(style);
    pen.setWidthF(width);
    line->setPen(pen);
    return line;
}

void attach(QChart* chart, QAbstractSeries* series, QValueAxis* x, QValueAxis* y)
{
    chart->addSeries(series);
    series->attachAxis(x);
    series->attachAxis(y);
}

// The smallest of 1, 2, 4, 5, 6, 8 × 10^k at or above x (> 0): halves are round too.
double niceCeil(double x)
{
    const double decade = std::pow(10.0, std::floor(std::log10(x)));
    for (double m : {1.0, 2.0, 4.0, 5.0, 6.0, 8.0, 10.0})
        if (m * decade >= x * (1.0 - 1e-12))
            return m * decade;
    return 10.0 * decade;
}

// A vertical segment at x from 0 to top.
QList<QPointF> vertical(double x, double top)
{
    return {QPointF(x, 0.0), QPointF(x, top)};
}

} // namespace

// ---- ErrorHistogramChart ------------------------------------------------------------------

ErrorHistogramChart::ErrorHistogramChart(QWidget* parent)
    : LayerReportChart(parent), m_localLine(new QLineSeries(this)),
      m_propLine(new QLineSeries(this)),
      m_localArea(makeArea(m_localLine, chartstyle::currentSecondary(), 90)),
      m_propArea(makeArea(m_propLine, chartstyle::current(), 90)),
      m_localMean(makeMarker(chartstyle::currentSecondary().darker(120), Qt::DashLine, 2.0)),
      m_propMean(makeMarker(chartstyle::current().darker(120), Qt::DashLine, 2.0)),
      m_x(new QValueAxis), m_y(new QValueAxis)
{
    QChart* chart = chartstyle::makeChart(true);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    // Propagated first so that the (usually narrower) local histogram is drawn on top.
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{
             m_propArea, m_localArea, m_propMean, m_localMean})
        attach(chart, s, m_x, m_y);
    chartstyle::styleAxis(m_x, tr("error e = r′ − r (real units)"));
    chartstyle::styleAxis(m_y, tr("density (share of values per unit of e)"));
    m_x->setLabelFormat(QStringLiteral("%.3g"));
    m_y->setLabelFormat(QStringLiteral("%.3g"));
    setChart(chart);
    setZoomMode(ZoomMode::Horizontal);
    setReferenceSeries(m_propArea);
    setToolTipProvider([this](const QPointF& v) { return toolTipAt(v.x()); });
    setExportName(QStringLiteral("error-histogram"));
    connect(this, &ChartView::plotClicked, this, [this](const QPointF& v) {
        if (layerReport())
            emit outlierClicked(selectedLayer(), v.x());
    });
    setHasData(false);
}

void LayerReportChart::setReport(std::shared_ptr<const EvaluationReport> report)
{
    m_report = std::move(report);
    refresh();
}

void LayerReportChart::setReport(const EvaluationReport& report)
{
    setReport(std::make_shared<const EvaluationReport>(report));
}

void LayerReportChart::setSelectedLayer(const QString& layer)
{
    m_layer = layer;
    refresh();
}

const LayerReport* LayerReportChart::layerReport() const
{
    return findLayer(m_report.get(), m_layer);
}

void ErrorHistogramChart::refresh()
{
    const LayerReport* layer = layerReport();
    if (!report()) {
        setHasData(false);
        return;
    }
    if (!layer) {
        setPlaceholderText(tr("Select a layer to see its error histogram"));
        return;
    }
    const Histogram& local = layer->local.errorHist;
    const Histogram& prop = layer->propagated.errorHist;
    if (prop.total() <= 0 && local.total() <= 0) {
        setPlaceholderText(tr("No error samples for %1").arg(selectedLayer()));
        return;
    }
    setHasData(true);
    resetZoom();

    // Density over shared bins (the evaluator bins both over one range): heights compare.
    double localTop = 0.0, propTop = 0.0;
    const QList<QPointF> localPoints = histogram::densityPoints(local, &localTop);
    const QList<QPointF> propPoints = histogram::densityPoints(prop, &propTop);
    m_localLine->replace(localPoints);
    m_propLine->replace(propPoints);
    const bool hasLocal = !localPoints.isEmpty();
    m_localArea->setVisible(hasLocal);
    m_localMean->setVisible(hasLocal);

    // Symmetric around 0 so that a bias (truncation) is visible at a glance.
    double reach = 0.0;
    for (const QList<QPointF>* pts : {&localPoints, &propPoints})
        if (!pts->isEmpty())
            reach = std::max({reach, std::abs(pts->first().x()), std::abs(pts->last().x())});
    reach = niceCeil(reach > 0.0 ? reach * 1.02 : 1.0);
    const double top = std::max({localTop, propTop, 1e-300}) * 1.08;
    m_x->setRange(-reach, reach);
    m_x->setTickCount(5); // −reach, −reach/2, 0, reach/2, reach
    chartstyle::niceRange(m_y, 0.0, top, 5);
    const double yTop = m_y->max();

    m_localMean->replace(vertical(layer->local.meanError, yTop));
    m_propMean->replace(vertical(layer->propagated.meanError, yTop));
    m_localArea->setName(tr("local (FP32 input)"));
    m_propArea->setName(tr("propagated"));
    m_localMean->setName(tr("local mean %1").arg(chartstyle::number(layer->local.meanError)));
    m_propMean->setName(
        tr("propagated mean %1").arg(chartstyle::number(layer->propagated.meanError)));

    const auto& scale = layer->outputParams.scale;
    m_x->setTitleText(scale.empty()
                          ? tr("error e = r′ − r (real units)")
                          : tr("error e = r′ − r (real units; 1 LSB = S = %1)")
                                .arg(chartstyle::number(double(scale.front()))));
    chart()->setTitle(tr("%1 — quantization error").arg(selectedLayer()));
}

QString ErrorHistogramChart::toolTipAt(double x) const
{
    const LayerReport* layer = layerReport();
    if (!layer)
        return {};
    QStringList lines{tr("e ≈ %1").arg(chartstyle::number(x))};
    const std::pair<const char*, const Histogram*> series[] = {
        {QT_TR_NOOP("local"), &layer->local.errorHist},
        {QT_TR_NOOP("propagated"), &layer->propagated.errorHist}};
    for (const auto& [name, h] : series) {
        const double density = histogram::densityAt(*h, x);
        if (density >= 0.0)
            lines << tr("%1: density %2 (%3 % of values in this bin of width %4)")
                         .arg(tr(name), chartstyle::number(density))
                         .arg(histogram::percentAt(*h, x), 0, 'f', 2)
                         .arg(chartstyle::number(h->binWidth()));
    }
    lines << tr("click: explain this layer in the Inspector");
    return lines.join(QLatin1Char('\n'));
}

// ---- ValueHistogramChart ------------------------------------------------------------------

ValueHistogramChart::ValueHistogramChart(QWidget* parent)
    : LayerReportChart(parent), m_valueLine(new QLineSeries(this)),
      m_valueArea(makeArea(m_valueLine, chartstyle::current(), 110)),
      m_clipLow(makeMarker(chartstyle::clip(), Qt::SolidLine, 2.0)),
      m_clipHigh(makeMarker(chartstyle::clip(), Qt::SolidLine, 2.0)),
      m_outLowTop(new QLineSeries(this)), m_outHighTop(new QLineSeries(this)),
      m_outLow(makeArea(m_outLowTop, chartstyle::clip(), 40)),
      m_outHigh(makeArea(m_outHighTop, chartstyle::clip(), 40)), m_x(new QValueAxis),
      m_y(new QValueAxis)
{
    for (QAreaSeries* shade : {m_outLow, m_outHigh})
        shade->setPen(Qt::NoPen);
    QChart* chart = chartstyle::makeChart(true);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_y, Qt::AlignLeft);
    // The translucent out-of-range shades go over the bars: clipped values look tinted.
    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{
             m_valueArea, m_outLow, m_outHigh, m_clipLow, m_clipHigh})
        attach(chart, s, m_x, m_y);
    m_valueArea->setName(tr("r (FP32 reference)"));
    m_outLow->setName(tr("out of range (clipped)"));
    chartstyle::hideFromLegend(chart, m_outHigh);
    chartstyle::hideFromLegend(chart, m_clipHigh);
    chartstyle::styleAxis(m_x, tr("FP32 value r (real units)"));
    chartstyle::styleAxis(m_y, tr("density (share of values per unit of e)"));
    m_x->setLabelFormat(QStringLiteral("%.3g"));
    m_y->setLabelFormat(QStringLiteral("%.3g"));
    setChart(chart);
    setZoomMode(ZoomMode::Horizontal);
    setReferenceSeries(m_valueArea);
    setToolTipProvider([this](const QPointF& v) { return toolTipAt(v.x()); });
    setExportName(QStringLiteral("value-histogram"));
    setHasData(false);
}

void ValueHistogramChart::refresh()
{
    const LayerReport* layer = layerReport();
    if (!report()) {
        setHasData(false);
        return;
    }
    if (!layer) {
        setPlaceholderText(tr("Select a layer to see its value histogram"));
        return;
    }
    // r is the same FP32 reference in both runs; the propagated run also has the clip rates.
    const ErrorStats& stats = layer->propagated.valueHist.total() > 0 ? layer->propagated
                                                                      : layer->local;
    double top = 0.0;
    const QList<QPointF> points = histogram::stepPoints(stats.valueHist, &top);
    if (points.isEmpty()) {
        setPlaceholderText(tr("No value samples for %1").arg(selectedLayer()));
        return;
    }
    setHasData(true);
    resetZoom();
    m_valueLine->replace(points);

    const bool clipped = layer->quantized && stats.clipMax > stats.clipMin;
    double lo = points.first().x(), hi = points.last().x();
    if (clipped) {
        lo = std::min(lo, stats.clipMin);
        hi = std::max(hi, stats.clipMax);
    }
    const double pad = (hi - lo) * 0.03;
    chartstyle::niceRange(m_x, lo - pad, hi + pad, 6);
    chartstyle::niceRange(m_y, 0.0, std::max(top, 1e-6) * 1.08, 5);
    const double yTop = m_y->max();
    const double xMin = m_x->min(), xMax = m_x->max();

    for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{m_clipLow, m_clipHigh,
                                                                      m_outLow, m_outHigh})
        s->setVisible(clipped);
    if (clipped) {
        m_clipLow->replace(vertical(stats.clipMin, yTop));
        m_clipHigh->replace(vertical(stats.clipMax, yTop));
        m_outLowTop->replace({QPointF(xMin, yTop), QPointF(stats.clipMin, yTop)});
        m_outHighTop->replace({QPointF(stats.clipMax, yTop), QPointF(xMax, yTop)});
        m_clipLow->setName(tr("clip range [%1, %2]")
                               .arg(chartstyle::number(stats.clipMin),
                                    chartstyle::number(stats.clipMax)));
        chartstyle::hideFromLegend(chart(), m_clipHigh);
        chartstyle::hideFromLegend(chart(), m_outHigh);
        const double low = 100.0 * stats.clipLowRate, high = 100.0 * stats.clipHighRate;
        chart()->setTitle(tr("%1 — values, %2 % clipped (low %3 %, high %4 %)")
                              .arg(selectedLayer())
                              .arg(low + high, 0, 'f', 2)
                              .arg(low, 0, 'f', 2)
                              .arg(high, 0, 'f', 2));
    } else {
        chart()->setTitle(tr("%1 — values (output in FP32: no clipping)").arg(selectedLayer()));
    }
}

QString ValueHistogramChart::toolTipAt(double x) const
{
    const LayerReport* layer = layerReport();
    if (!layer)
        return {};
    const Histogram& h = layer->propagated.valueHist.total() > 0 ? layer->propagated.valueHist
                                                                 : layer->local.valueHist;
    const double share = histogram::percentAt(h, x);
    if (share < 0.0)
        return tr("r ≈ %1").arg(chartstyle::number(x));
    return tr("r ≈ %1\n%2 % of values").arg(chartstyle::number(x)).arg(share, 0, 'f', 2);
}

} // namespace ql
