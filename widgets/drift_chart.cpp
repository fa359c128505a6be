#include "widgets/drift_chart.h"

#include <QFontMetricsF>
#include <QSet>
#include <QtMath>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <QApplication>

#include <algorithm>
#include <cmath>
#include <set>

namespace ql {

namespace {

QLineSeries* makeLine(QColor color, Qt::PenStyle style, double width, bool points)
{
    auto* line = new QLineSeries;
    QPen pen(color);
    pen.setStyle(style);
    pen.setWidthF(width);
    line->setPen(pen);
    line->setPointsVisible(points);
    return line;
}

// [lo, hi] over the finite values, padded by 8 %; `zero` forces 0 into the range.
std::pair<double, double> paddedRange(const std::vector<double>& values, bool zero)
{
    double lo = zero ? 0.0 : INFINITY, hi = zero ? 0.0 : -INFINITY;
    for (double v : values)
        if (std::isfinite(v)) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    if (!(hi >= lo))
        return {0.0, 1.0};
    if (hi == lo) {
        const double pad = std::max(std::abs(hi) * 0.1, 1e-6);
        return {lo - pad, hi + pad};
    }
    const double pad = (hi - lo) * 0.08;
    return {lo - pad, hi + pad};
}

// ONNX exporters name nodes like "/block2/conv1/conv/Conv": the axis drops the leading '/', a
// trailing "/<opType>" of a nested name and "/<optype>" (the tooltip keeps the full name).
// Labels stay unique.
QString shortName(const LayerReport& layer)
{
    QString name = QString::fromStdString(layer.name);
    if (name.startsWith(QLatin1Char('/')))
        name.remove(0, 1);
    const QString suffix = QLatin1Char('/') + QString::fromStdString(layer.opType);
    // Only inside a module ("exit1/fc/Gemm" -> "exit1/fc"): "exit1/Flatten" keeps its op,
    // or the Flatten would be labelled as if it were the exit itself.
    if (name.endsWith(suffix) && name.left(name.size() - suffix.size()).contains(QLatin1Char('/')))
        name.chop(suffix.size());
    // "block2/conv1/conv" (a torch module wrapping the op) -> "block2/conv1", but
    // "exit1/flatten" stays: chopped to "exit1" it would read as the whole exit.
    const QString inner = QLatin1Char('/') + QString::fromStdString(layer.opType).toLower();
    if (name.endsWith(inner) && name.left(name.size() - inner.size()).contains(QLatin1Char('/')))
        name.chop(inner.size());
    return name;
}

// Error-free layers report SQNR capped at 200 dB; keep them out of the axis range.
constexpr double kSqnrCap = 199.0;

} // namespace

DriftChart::DriftChart(QWidget* parent)
    : ChartView(parent), m_mean(makeLine(chartstyle::current(), Qt::SolidLine, 2.2, true)),
      m_sqnr(makeLine(chartstyle::currentSecondary(), Qt::SolidLine, 2.2, true)),
      m_baseMean(makeLine(chartstyle::baseline(), Qt::DashLine, 2.0, false)),
      m_baseSqnr(makeLine(chartstyle::baselineSecondary(), Qt::DashLine, 2.0, false)),
      m_zero(makeLine(QColor(0x9c, 0xa3, 0xaf), Qt::DotLine, 1.0, false)),
      m_selection(makeLine(chartstyle::highlight(), Qt::SolidLine, 6.0, false)),
      m_x(new QCategoryAxis), m_yError(new QValueAxis), m_ySqnr(new QValueAxis)
{
    QChart* chart = chartstyle::makeChart(true);
    chart->addAxis(m_x, Qt::AlignBottom);
    chart->addAxis(m_yError, Qt::AlignLeft);
    chart->addAxis(m_ySqnr, Qt::AlignRight);
    const auto add = [&](QLineSeries* s, QValueAxis* y) {
        chart->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(y);
    };
    add(m_selection, m_yError);
    add(m_zero, m_yError);
    add(m_baseMean, m_yError);
    add(m_baseSqnr, m_ySqnr);
    add(m_mean, m_yError);
    add(m_sqnr, m_ySqnr);
    chartstyle::hideFromLegend(chart, m_selection);
    chartstyle::hideFromLegend(chart, m_zero);
    m_x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    chartstyle::styleAxis(m_x, tr("layer (trunk by depth, then each exit head)"));
    chartstyle::styleAxis(m_yError, tr("mean error (real units)"));
    chartstyle::styleAxis(m_ySqnr, tr("SQNR (dB)"));
    m_yError->setLinePenColor(chartstyle::current());
    m_ySqnr->setLinePenColor(chartstyle::currentSecondary());
    chart->setTitle(tr("Drift: propagated error by depth"));
    setChart(chart);
    setZoomMode(ZoomMode::Horizontal);
    setReferenceSeries(m_mean);
    setToolTipProvider([this](const QPointF& v) { return toolTipAt(v.x()); });
    setExportName(QStringLiteral("drift"));
    connect(this, &ChartView::plotClicked, this, [this](const QPointF& v) {
        const int i = layerIndexAt(v.x());
        if (i >= 0 && m_report)
            emit layerClicked(QString::fromStdString(m_report->layers[size_t(i)].name));
    });
    setHasData(false);
}

void DriftChart::setReport(std::shared_ptr<const EvaluationReport> report)
{
    m_report = std::move(report);
    refresh();
}

void DriftChart::setReport(const EvaluationReport& report)
{
    setReport(std::make_shared<const EvaluationReport>(report));
}

void DriftChart::setBaseline(std::shared_ptr<const EvaluationReport> baseline, const QString& name)
{
    m_baseline = std::move(baseline);
    m_baselineName = name;
    refresh();
}

void DriftChart::setBaseline(const EvaluationReport& baseline, const QString& name)
{
    setBaseline(std::make_shared<const EvaluationReport>(baseline), name);
}

void DriftChart::setCurrentName(const QString& name)
{
    m_currentName = name;
    refresh();
}

void DriftChart::setSelectedLayer(const QString& layer)
{
    m_selected = layer;
    updateSelection();
}

std::vector<std::vector<int>> DriftChart::segments() const
{
    const auto& layers = m_report->layers;
    const int n = int(layers.size());
    std::vector<std::vector<int>> out(1);
    // Which layer produces each tensor, then the layers each exit's output depends on.
    QHash<QString, int> producer;
    for (int i = 0; i < n; ++i)
        producer.insert(QString::fromStdString(layers[size_t(i)].output), i);
    const auto ancestors = [&](const std::string& tensor) {
        std::vector<char> seen(size_t(n), 0);
        std::vector<int> todo;
        if (const auto it = producer.constFind(QString::fromStdString(tensor)); it != producer.constEnd())
            todo.push_back(*it);
        while (!todo.empty()) {
            const int i = todo.back();
            todo.pop_back();
            if (seen[size_t(i)])
                continue;
            seen[size_t(i)] = 1;
            for (const std::string& in : layers[size_t(i)].inputs)
                if (const auto it = producer.constFind(QString::fromStdString(in)); it != producer.constEnd())
                    todo.push_back(*it);
        }
        return seen;
    };
    const auto& exits = m_report->exits;
    std::vector<int> owner(size_t(n), 0); // 0 trunk, k ≥ 1: head of exit k − 1
    if (exits.size() > 1) {
        const std::vector<char> trunk = ancestors(exits.back().output);
        for (size_t e = 0; e + 1 < exits.size(); ++e) {
            const std::vector<char> mine = ancestors(exits[e].output);
            for (int i = 0; i < n; ++i)
                if (mine[size_t(i)] && !trunk[size_t(i)] && owner[size_t(i)] == 0)
                    owner[size_t(i)] = int(e) + 1;
        }
    }
    out.resize(exits.size() > 1 ? exits.size() : 1);
    for (int i = 0; i < n; ++i) // plan order (= depth) inside each segment
        out[size_t(owner[size_t(i)])].push_back(i);
    // Exits without a head of their own (an exit on a trunk tensor) add no segment.
    std::vector<std::vector<int>> nonEmpty{out.front()};
    for (size_t k = 1; k < out.size(); ++k)
        if (!out[k].empty())
            nonEmpty.push_back(out[k]);
    return nonEmpty;
}

QLineSeries* DriftChart::headSeries(int role, size_t head)
{
    std::vector<QLineSeries*>& list = m_heads[role];
    while (list.size() <= head) {
        QLineSeries* trunk = role == 0 ? m_mean : role == 1 ? m_sqnr : role == 2 ? m_baseMean : m_baseSqnr;
        auto* s = new QLineSeries;
        s->setPen(trunk->pen());
        s->setPointsVisible(trunk->pointsVisible());
        chart()->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(role == 0 || role == 2 ? m_yError : m_ySqnr);
        chartstyle::hideFromLegend(chart(), s);
        list.push_back(s);
    }
    return list[head];
}

QList<QLineSeries*> DriftChart::meanErrorSegments() const
{
    QList<QLineSeries*> out{m_mean};
    for (size_t k = 0; k + 1 < size_t(m_segmentTitles.size()); ++k)
        out << m_heads[0][k];
    return out;
}

QList<QLineSeries*> DriftChart::sqnrSegments() const
{
    QList<QLineSeries*> out{m_sqnr};
    for (size_t k = 0; k + 1 < size_t(m_segmentTitles.size()); ++k)
        out << m_heads[1][k];
    return out;
}

int DriftChart::layerAtPosition(int x) const
{
    return x >= 0 && x < int(m_order.size()) ? m_order[size_t(x)] : -1;
}

void DriftChart::refresh()
{
    if (!m_report || m_report->layers.empty()) {
        setHasData(false);
        return;
    }
    setHasData(true);
    resetZoom();
    const auto& layers = m_report->layers;
    const int n = int(layers.size());
    const std::vector<std::vector<int>> segs = segments();

    // Categories: one label per layer, on its integer position (trunk, then the heads).
    // Rebuilding the axis costs a relayout per category, so it only happens when the plan's
    // layers or their order change.
    std::vector<int> order;
    QStringList titles{tr("trunk")};
    for (size_t k = 0; k < segs.size(); ++k) {
        order.insert(order.end(), segs[k].begin(), segs[k].end());
        if (k > 0) {
            // The exit this head leads to: the exit whose output a head layer produces.
            QString title = tr("exit head %1").arg(k);
            for (size_t e = 0; e < m_report->exits.size(); ++e)
                for (int i : segs[k])
                    if (layers[size_t(i)].output == m_report->exits[e].output)
                        title = tr("exit%1 head").arg(e + 1);
            titles << title;
        }
    }
    QStringList names;
    names.reserve(n);
    for (int i : order)
        names << QString::fromStdString(layers[size_t(i)].name);
    m_segmentTitles = titles;
    if (names != m_names) {
        m_names = names;
        m_order = order;
        for (const QString& label : m_x->categoriesLabels())
            m_x->remove(label);
        m_index.clear();
        m_x->setStartValue(-0.5);
        QSet<QString> used;
        for (int x = 0; x < n; ++x) {
            m_index.insert(names[x], x);
            QString label = shortName(layers[size_t(order[size_t(x)])]);
            if (used.contains(label))
                label = names[x];
            used.insert(label);
            m_x->append(label, x);
        }
        m_x->setRange(-0.5, n - 0.5);
    }
    updateLabelAngle();

    // Per segment and role the points; a segment's x positions are contiguous.
    std::vector<QList<QPointF>> pts[4];
    for (auto& p : pts)
        p.resize(segs.size());
    std::vector<double> errors, sqnrs;
    QHash<QString, size_t> segmentOf;
    for (size_t k = 0, x = 0; k < segs.size(); ++k)
        for (int i : segs[k]) {
            const ErrorStats& p = layers[size_t(i)].propagated;
            pts[0][k].append(QPointF(double(x), p.meanError));
            pts[1][k].append(QPointF(double(x), p.sqnrDb));
            errors.push_back(p.meanError);
            if (p.sqnrDb < kSqnrCap)
                sqnrs.push_back(p.sqnrDb);
            segmentOf.insert(QString::fromStdString(layers[size_t(i)].name), k);
            ++x;
        }
    if (m_baseline) {
        // Matched by name onto the current positions; kept in x order per segment.
        std::vector<std::vector<std::pair<int, const ErrorStats*>>> base(segs.size());
        for (const LayerReport& layer : m_baseline->layers) {
            const QString name = QString::fromStdString(layer.name);
            const auto it = m_index.constFind(name);
            if (it == m_index.constEnd())
                continue;
            base[segmentOf.value(name)].push_back({*it, &layer.propagated});
        }
        for (size_t k = 0; k < segs.size(); ++k) {
            std::sort(base[k].begin(), base[k].end(),
                      [](const auto& a, const auto& b) { return a.first < b.first; });
            for (const auto& [x, p] : base[k]) {
                pts[2][k].append(QPointF(x, p->meanError));
                pts[3][k].append(QPointF(x, p->sqnrDb));
                errors.push_back(p->meanError);
                if (p->sqnrDb < kSqnrCap)
                    sqnrs.push_back(p->sqnrDb);
            }
        }
    }
    const bool hasBaseline = m_baseline != nullptr;
    QLineSeries* trunk[4] = {m_mean, m_sqnr, m_baseMean, m_baseSqnr};
    for (int role = 0; role < 4; ++role) {
        trunk[role]->replace(pts[role][0]);
        for (size_t k = 1; k < segs.size(); ++k)
            headSeries(role, k - 1)->replace(pts[role][k]);
        for (size_t h = 0; h < m_heads[role].size(); ++h) {
            const bool used = h + 1 < segs.size();
            if (!used)
                m_heads[role][h]->clear();
            m_heads[role][h]->setVisible(used && (role < 2 || hasBaseline));
        }
    }
    m_baseMean->setVisible(hasBaseline);
    m_baseSqnr->setVisible(hasBaseline);

    const auto [eLo, eHi] = paddedRange(errors, true);
    // Each axis change relayouts the chart: set the final nice range once (a no-op when an
    // edit leaves it unchanged).
    chartstyle::niceRange(m_yError, eLo, eHi, 6);
    const auto [sLo, sHi] = paddedRange(sqnrs, false);
    chartstyle::niceRange(m_ySqnr, sLo, sHi, 6);
    m_zero->replace({QPointF(-0.5, 0.0), QPointF(n - 0.5, 0.0)});
    // A dotted vertical line before each head.
    while (m_separators.size() + 1 < segs.size()) {
        QLineSeries* sep = makeLine(chartstyle::separator(), Qt::DashDotLine, 1.2, false);
        chart()->addSeries(sep);
        sep->attachAxis(m_x);
        sep->attachAxis(m_yError);
        chartstyle::hideFromLegend(chart(), sep);
        m_separators.push_back(sep);
    }
    for (size_t k = 0, x = 0; k < m_separators.size(); ++k) {
        QLineSeries* sep = m_separators[k];
        if (k + 1 < segs.size()) {
            x += segs[k].size();
            sep->replace({QPointF(x - 0.5, m_yError->min()), QPointF(x - 0.5, m_yError->max())});
            sep->setVisible(true);
        } else {
            sep->clear();
            sep->setVisible(false);
        }
    }

    const QString b = hasBaseline ? tr("B: %1").arg(m_currentName.isEmpty() ? tr("current")
                                                                           : m_currentName)
                                  : (m_currentName.isEmpty() ? tr("current") : m_currentName);
    m_mean->setName(tr("%1 · mean error").arg(b));
    m_sqnr->setName(tr("%1 · SQNR").arg(b));
    const QString a = tr("A: %1 (baseline)").arg(m_baselineName.isEmpty() ? tr("pinned")
                                                                          : m_baselineName);
    m_baseMean->setName(tr("%1 · mean error").arg(a));
    m_baseSqnr->setName(tr("%1 · SQNR").arg(a));
    // Showing a series shows its legend marker again: the head segments and separators stay
    // out of the legend (the trunk's entries name them).
    for (const auto& list : m_heads)
        for (QLineSeries* s : list)
            chartstyle::hideFromLegend(chart(), s);
    for (QLineSeries* s : m_separators)
        chartstyle::hideFromLegend(chart(), s);
    updateSelection();
}

// Qt Charts truncates a category label wider than its slot ("stem/co..."): tilt the labels just
// enough that the widest one fits its slot (at −90° only the font height has to fit).
void DriftChart::updateLabelAngle()
{
    const QStringList labels = m_x->categoriesLabels();
    if (labels.isEmpty())
        return;
    const QFontMetricsF fm(m_x->labelsFont());
    double widest = 0.0;
    for (const QString& label : labels)
        widest = std::max(widest, fm.horizontalAdvance(label));
    const double plotWidth = chart()->plotArea().width() > 0 ? chart()->plotArea().width()
                                                             : double(width() - 170);
    const double slot = plotWidth / labels.size() - 8.0;
    int angle = 0;
    for (int a : {0, -30, -45, -60, -75, -90}) {
        const double r = qDegreesToRadians(double(-a));
        angle = a;
        if (widest * std::cos(r) + fm.height() * std::sin(r) <= slot)
            break;
    }
    if (m_x->labelsAngle() != angle)
        m_x->setLabelsAngle(angle);
}

void DriftChart::resizeEvent(QResizeEvent* event)
{
    ChartView::resizeEvent(event);
    updateLabelAngle();
}

void DriftChart::updateSelection()
{
    const auto it = m_index.constFind(m_selected);
    if (!m_report || it == m_index.constEnd()) {
        m_selection->clear();
        return;
    }
    m_selection->replace({QPointF(*it, m_yError->min()), QPointF(*it, m_yError->max())});
    chartstyle::hideFromLegend(chart(), m_selection);
}

int DriftChart::layerIndexAt(double x) const
{
    if (!m_report)
        return -1;
    return layerAtPosition(int(std::lround(x)));
}

QString DriftChart::toolTipAt(double x) const
{
    const int i = layerIndexAt(x);
    if (i < 0)
        return {};
    const LayerReport& layer = m_report->layers[size_t(i)];
    const QString name = QString::fromStdString(layer.name);
    QStringList lines{tr("%1 (%2, depth %3)")
                          .arg(name, QString::fromStdString(layer.opType))
                          .arg(layer.depth),
                      tr("mean error %1, SQNR %2 dB")
                          .arg(chartstyle::number(layer.propagated.meanError))
                          .arg(layer.propagated.sqnrDb, 0, 'f', 1)};
    if (m_baseline)
        for (const LayerReport& base : m_baseline->layers)
            if (base.name == layer.name)
                lines << tr("baseline: mean error %1, SQNR %2 dB")
                             .arg(chartstyle::number(base.propagated.meanError))
                             .arg(base.propagated.sqnrDb, 0, 'f', 1);
    return lines.join(QLatin1Char('\n'));
}

} // namespace ql
